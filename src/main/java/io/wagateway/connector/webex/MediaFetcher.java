package io.wagateway.connector.webex;

import io.wagateway.connector.MediaDownload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Streams an inbound attachment from the URL Webex gave in the webhook. */
final class MediaFetcher {

    private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private final HttpClient http;

    MediaFetcher(HttpClient http) {
        this.http = http;
    }

    /** Redirects are followed (never from https to http): a signed link may hand over to the storage host. */
    static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @throws UncheckedIOException when the URL is not http(s), the host cannot be reached or answers other than 2xx
     *                              (expired links answer 403 or 404)
     */
    MediaDownload fetch(String url, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("not a media URL"));
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new UncheckedIOException(new IOException("not an http(s) media URL"));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("media download failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while downloading media"));
        }
        if (response.statusCode() / 100 != 2) {
            closeQuietly(response.body());
            throw new UncheckedIOException(new IOException("media download answered HTTP " + response.statusCode()));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        String filename = response.headers().firstValue("Content-Disposition").map(FILENAME::matcher)
                .filter(Matcher::find).map(m -> m.group(1).strip()).orElse(null);
        return new MediaDownload(response.body(), contentType, length, filename);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
