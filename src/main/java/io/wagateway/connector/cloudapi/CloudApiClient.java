package io.wagateway.connector.cloudapi;

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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Posts a Cloud API message and turns whatever comes back into a {@link SendOutcome}. A Cloud-API-shaped BSP
 * reuses it with its own URL and auth header. It never retries: one call is one attempt, and retries belong to the
 * gateway's ledger, which knows whether the message already went out.
 */
public final class CloudApiClient {

    /** Catalogue rows for conditions that carry no provider code (see {@code connectors/<type>/errors.csv}). */
    public static final String HTTP_429 = "http-429";
    public static final String HTTP_5XX = "http-5xx";
    public static final String HTTP_401 = "http-401";
    public static final String HTTP_403 = "http-403";
    public static final String HTTP_4XX = "http-4xx";
    public static final String TIMEOUT = "timeout";
    public static final String NETWORK = "network";
    public static final String UNREADABLE_RESPONSE = "unreadable-response";

    private final HttpClient http;
    private final CloudApiResponses responses;
    private final ErrorCatalogue errors;
    private final Clock clock;

    public CloudApiClient(HttpClient http, CloudApiResponses responses, ErrorCatalogue errors, Clock clock) {
        this.http = http;
        this.responses = responses;
        this.errors = errors;
        this.clock = clock;
    }

    /**
     * POSTs {@code json} to {@code uri} with the given {@code Authorization} value. {@code timeout} bounds the whole
     * exchange, body included. Never throws for provider answers or transport failures.
     */
    public SendOutcome post(URI uri, String authorization, String json, Duration timeout) {
        return call(uri, authorization, json, timeout, this::outcome, failed -> failed);
    }

    /**
     * POSTs a call whose success carries no message id, such as marking a message read ({@code {"success":true}}):
     * empty on any 2xx, else the failure mapped as for a send. Never throws.
     */
    public Optional<MessageError> postForAck(URI uri, String authorization, String json, Duration timeout) {
        return call(uri, authorization, json, timeout,
                response -> response.statusCode() / 100 == 2 ? Optional.<MessageError>empty()
                        : Optional.of(failure(response).error()),
                failed -> Optional.of(failed.error()));
    }

    private <T> T call(URI uri, String authorization, String json, Duration timeout,
                       Function<HttpResponse<String>, T> onResponse, Function<SendOutcome.Failed, T> onFailure) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> call =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // the request timeout only covers the response headers; this also bounds a stalled body
            return onResponse.apply(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            return onFailure.apply(failed(TIMEOUT, "no complete answer within " + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return onFailure.apply(transportFailure(e.getCause(), timeout));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return onFailure.apply(failed(NETWORK, "interrupted while waiting for the provider"));
        }
    }

    /** Maps an HTTP answer. Meta advises branching on the error code; the HTTP status decides only without one. */
    SendOutcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return responses.parseSendResponse(response.body())
                    .<SendOutcome>map(ok -> new SendOutcome.Submitted(ok.messageId(), ok.messageStatus(), ok.waId()))
                    // A 2xx without a readable message id is ambiguous: Meta may have accepted and will deliver it.
                    // Retrying could send it twice, so it fails as UNKNOWN and not retryable, for a person to check.
                    .orElseGet(() -> failed(UNREADABLE_RESPONSE, "HTTP " + status + " without a message id"));
        }
        return failure(response);
    }

    private SendOutcome.Failed failure(HttpResponse<String> response) {
        int status = response.statusCode();
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                clock.instant());
        Optional<GraphError> graph = responses.parseError(response.body()).filter(g -> g.code() != null);
        MessageError error = graph.map(g -> graphError(status, g)).orElseGet(() -> statusOnlyError(status));
        return new SendOutcome.Failed(error, retryAfter);
    }

    private MessageError graphError(int status, GraphError graph) {
        if (status == 429) {
            // whatever the code says, an HTTP 429 is throttling and a rate limit is never permanent
            return withCategory(errors.error(graph.code(), graph.title(), graph.details()),
                    ErrorCategory.RATE_LIMITED, true);
        }
        Optional<ErrorCatalogue.Entry> known = errors.find(graph.code());
        if (known.isPresent()) {
            return known.get().error(graph.code(), graph.title(), graph.details());
        }
        // an unknown code: the HTTP status is the best remaining hint, but the raw code is kept
        String fallback = fallbackRow(status);
        return fallback == null ? errors.error(graph.code(), graph.title(), graph.details())
                : errors.lookup(fallback).error(graph.code(), graph.title(), graph.details());
    }

    private MessageError statusOnlyError(int status) {
        String row = fallbackRow(status);
        if (status == 429) {
            row = HTTP_429;
        } else if (row == null) {
            row = status >= 400 ? HTTP_4XX : UNREADABLE_RESPONSE;
        }
        return errors.error(row, null, "HTTP " + status + " without a Graph error code");
    }

    private static String fallbackRow(int status) {
        if (status >= 500) {
            return HTTP_5XX;
        }
        return status == 401 ? HTTP_401 : status == 403 ? HTTP_403 : null;
    }

    private SendOutcome.Failed transportFailure(Throwable cause, Duration timeout) {
        if (cause instanceof HttpTimeoutException) {
            // Meta may have taken the message; retrying is still the better risk than losing it.
            return failed(TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        }
        String what = cause instanceof IOException ? "connection failed" : "request failed";
        return failed(NETWORK, what + ": " + cause.getClass().getSimpleName());
    }

    private SendOutcome.Failed failed(String row, String detail) {
        return new SendOutcome.Failed(errors.error(row, null, detail), null);
    }

    private static MessageError withCategory(MessageError e, ErrorCategory category, boolean retryable) {
        return new MessageError(category, e.code(), e.title(), e.detail(), retryable);
    }
}
