package io.wagateway.connector.webex;

import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.RetryAfter;
import io.wagateway.connector.SendOutcome;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts one message to Webex Connect and turns whatever comes back into a {@link SendOutcome}. Webex may answer an
 * error with HTTP 200, so the body's {@code code} decides and only {@code 1001} is success; the HTTP status decides
 * only when there is no code. It never retries: retries belong to the gateway's ledger.
 */
final class WebexClient {

    static final String HTTP_429 = "http-429";
    static final String HTTP_5XX = "http-5xx";
    static final String HTTP_401 = "http-401";
    static final String HTTP_403 = "http-403";
    static final String HTTP_4XX = "http-4xx";
    static final String TIMEOUT = "timeout";
    static final String NETWORK = "network";
    static final String UNREADABLE_RESPONSE = "unreadable-response";
    static final String NOT_CONFIGURED = "not-configured";

    private final HttpClient http;
    private final WebexResponses responses;
    private final ErrorCatalogue errors;
    private final Clock clock;

    WebexClient(HttpClient http, WebexResponses responses, ErrorCatalogue errors, Clock clock) {
        this.http = http;
        this.responses = responses;
        this.errors = errors;
        this.clock = clock;
    }

    /** POSTs {@code json} with the auth {@code headers}; {@code timeout} bounds the whole exchange, body included. */
    SendOutcome post(URI uri, Map<String, String> headers, String json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            return failed(NOT_CONFIGURED, "the service key or JWT holds characters an HTTP header cannot carry");
        }
        CompletableFuture<HttpResponse<String>> call =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return outcome(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            return failed(TIMEOUT, "no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return transportFailure(e.getCause(), timeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return failed(NETWORK, "interrupted while waiting for Webex Connect");
        }
    }

    SendOutcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        Optional<WebexResponses.Reply> reply = responses.read(response.body());
        if (reply.isPresent() && reply.get().queued()) {
            String transid = Transids.normalize(reply.get().transid());
            // queued without a transid is ambiguous: Webex may send it, so it is not retried but left for a person
            return transid != null ? new SendOutcome.Submitted(transid, reply.get().description(), null)
                    : failed(UNREADABLE_RESPONSE, "code 1001 without a transid");
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                clock.instant());
        MessageError error = reply.map(r -> codeError(status, r)).orElseGet(() -> statusOnlyError(status));
        return new SendOutcome.Failed(error, retryAfter);
    }

    private MessageError codeError(int status, WebexResponses.Reply reply) {
        MessageError known = errors.find(reply.code())
                .map(entry -> entry.error(reply.code(), reply.description(), null))
                .orElseGet(() -> unknownCode(status, reply));
        if (status == 429 && !(known.category() == ErrorCategory.RATE_LIMITED && known.retryable())) {
            // whatever the code says, an HTTP 429 is throttling, and a rate limit is never permanent
            return new MessageError(ErrorCategory.RATE_LIMITED, known.code(), known.title(), known.detail(), true);
        }
        return known;
    }

    /** An unknown code: the HTTP status is the best remaining hint, and the raw code is kept. */
    private MessageError unknownCode(int status, WebexResponses.Reply reply) {
        String row = status >= 500 ? HTTP_5XX : status == 401 ? HTTP_401 : status == 403 ? HTTP_403 : null;
        String title = reply.description() != null ? reply.description() : "Unknown Webex Connect code";
        return row == null ? errors.error(reply.code(), title, null)
                : errors.lookup(row).error(reply.code(), title, null);
    }

    private MessageError statusOnlyError(int status) {
        String row;
        if (status == 429) {
            row = HTTP_429;
        } else if (status >= 500) {
            row = HTTP_5XX;
        } else if (status == 401 || status == 403) {
            row = status == 401 ? HTTP_401 : HTTP_403;
        } else if (status >= 400) {
            row = HTTP_4XX;
        } else {
            row = UNREADABLE_RESPONSE;
        }
        return errors.error(row, null, "HTTP " + status + " without a Webex code");
    }

    private SendOutcome transportFailure(Throwable cause, Duration timeout) {
        if (cause instanceof HttpTimeoutException) {
            return failed(TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        }
        String what = cause instanceof IOException ? "connection failed" : "request failed";
        return failed(NETWORK, what + ": " + cause.getClass().getSimpleName());
    }

    private SendOutcome.Failed failed(String row, String detail) {
        return new SendOutcome.Failed(errors.error(row, null, detail), null);
    }
}
