package io.wagateway.connector.cm;

import io.wagateway.connector.MediaDownload;
import io.wagateway.connector.ProviderHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The wire to CM: JSON posts with the product token header, and media downloads. It never retries (one call is one
 * attempt; retries belong to the gateway's ledger) and follows no redirects, so a POST is never replayed elsewhere.
 */
final class CmHttp {

    static final String TOKEN_HEADER = "X-CM-PRODUCTTOKEN";

    /** An HTTP answer, whatever its status. */
    record Answer(int status, String body, String retryAfter) {}

    /** No complete answer: {@code timedOut} tells a timeout (CM may have taken the message) from a failed connection. */
    static final class TransportException extends Exception {
        private final boolean timedOut;

        TransportException(boolean timedOut, String message) {
            super(message);
            this.timedOut = timedOut;
        }

        boolean timedOut() { return timedOut; }
    }

    private final HttpClient http;

    CmHttp(Duration connectTimeout) {
        this.http = ProviderHttp.newClient(connectTimeout);
    }

    /** POSTs {@code json}; {@code timeout} bounds the whole exchange, body included. */
    Answer post(URI uri, String productToken, String json, Duration timeout) throws TransportException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header(TOKEN_HEADER, productToken)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> call =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // the request timeout covers only the response headers; this also bounds a stalled body
            HttpResponse<String> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TransportException(true, "no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new TransportException(true, "no answer within " + timeout.toMillis() + " ms");
            }
            throw new TransportException(false, (cause instanceof IOException ? "connection failed: "
                    : "request failed: ") + (cause == null ? "unknown" : cause.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException(false, "interrupted while waiting for CM");
        }
    }

    /**
     * Streams a file. {@code timeout} bounds the wait for the response headers; the caller reads and closes the body.
     *
     * @throws IllegalStateException when the file cannot be had (not 2xx, unreachable, timed out)
     */
    MediaDownload download(URI uri, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("media download failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading media", e);
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            close(response.body());
            throw new IllegalStateException("media download answered HTTP " + response.statusCode());
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        return new MediaDownload(response.body(), response.headers().firstValue("Content-Type").orElse(null), length,
                filename(response.headers().firstValue("Content-Disposition").orElse(null)));
    }

    /** The {@code filename} of a Content-Disposition header, without quotes; null when absent. */
    static String filename(String disposition) {
        if (disposition == null) {
            return null;
        }
        for (String part : disposition.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "filename=", 0, 9)) {
                String name = p.substring(9).strip().replace("\"", "");
                return name.isBlank() ? null : name;
            }
        }
        return null;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // abandoning the stream anyway
        }
    }
}
