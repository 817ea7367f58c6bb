package io.wagateway.connector.cloudapi;

import io.wagateway.connector.MediaFetchException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.MediaDownload;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads inbound media in two hops, both with the bearer token: {@code GET /{version}/{media-id}} answers
 * {@code {url, mime_type, file_size, ...}} (the url lives about five minutes), then {@code GET url} gives the bytes,
 * which are streamed, never buffered.
 */
public final class CloudApiMedia {

    private final HttpClient http;
    private final CloudApiResponses responses;
    private final ObjectMapper mapper;

    public CloudApiMedia(HttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.responses = new CloudApiResponses(mapper);
        this.mapper = mapper;
    }

    /**
     * Streams the media {@code mediaUri} describes; {@code timeout} bounds each hop until its headers arrive.
     *
     * @throws MediaFetchException when either hop fails; {@code notFound} when Meta no longer knows the id or file
     */
    public MediaDownload fetch(URI mediaUri, String authorization, Duration timeout) {
        HttpResponse<String> described = send(mediaUri, authorization, timeout, HttpResponse.BodyHandlers.ofString(),
                "media lookup");
        int status = described.statusCode();
        if (status / 100 != 2) {
            String why = responses.parseError(described.body())
                    .map(e -> "code " + e.code() + " " + e.title()).orElse("no Graph error");
            // Graph answers an unknown or expired id with 400 (code 100) or 404
            throw new MediaFetchException("media lookup answered HTTP " + status + " (" + why + ")",
                    status == 400 || status == 404, null);
        }
        JsonNode info = readObject(described.body());
        URI file = downloadUri(Json.text(info.get("url")));
        HttpResponse<InputStream> download = send(file, authorization, timeout,
                HttpResponse.BodyHandlers.ofInputStream(), "media download");
        if (download.statusCode() / 100 != 2) {
            close(download.body());
            throw new MediaFetchException("media download answered HTTP " + download.statusCode(),
                    download.statusCode() == 404 || download.statusCode() == 410, null);
        }
        Long size = Json.integer(info.get("file_size"));
        // the lookup's mime_type is Meta's own word for the file; the CDN may answer with a generic type
        String type = Json.text(info.get("mime_type"));
        return new MediaDownload(download.body(),
                type != null ? type : download.headers().firstValue("Content-Type").orElse(null),
                download.headers().firstValueAsLong("Content-Length").orElse(size != null ? size : -1), null);
    }

    private <T> HttpResponse<T> send(URI uri, String authorization, Duration timeout,
                                     HttpResponse.BodyHandler<T> handler, String step) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", authorization)
                .GET().build();
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new MediaFetchException(step + " failed: " + e.getClass().getSimpleName(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaFetchException(step + " interrupted", false, e);
        }
    }

    private JsonNode readObject(String body) {
        try {
            JsonNode node = body == null ? null : mapper.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new MediaFetchException("media lookup answered 2xx without a JSON object", false, null);
    }

    /** Only an absolute http(s) URL is followed: the token goes with it. */
    private static URI downloadUri(String url) {
        URI uri = null;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new MediaFetchException("media lookup gave no usable download url", false, null);
        }
        return uri;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the stream is being abandoned anyway
        }
    }
}
