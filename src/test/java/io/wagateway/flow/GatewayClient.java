package io.wagateway.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls a running gateway over real HTTP, as an app or a provider would. */
final class GatewayClient {

    record Reply(int status, String contentType, JsonNode json, String text, HttpResponse<String> raw) {}

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    GatewayClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    Reply send(String apiKey, String json) {
        return send(apiKey, json, Map.of());
    }

    Reply send(String apiKey, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        headers.forEach(request::header);
        return call(request.build());
    }

    Reply get(String apiKey, String path) {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + apiKey)
                .GET().build());
    }

    Reply webhook(String connectorId, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/" + connectorId))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return call(request.build());
    }

    Reply raw(HttpRequest request) {
        return call(request);
    }

    String baseUrl() {
        return baseUrl;
    }

    private Reply call(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !response.body().isEmpty() ? mapper.readTree(response.body())
                    : null;
            return new Reply(response.statusCode(), type, json, response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
