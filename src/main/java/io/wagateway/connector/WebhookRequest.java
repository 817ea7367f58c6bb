package io.wagateway.connector;

import java.util.Map;

/** A provider's call to {@code /webhooks/{connectorId}}: raw body bytes (for signatures), lower-cased header names. */
public record WebhookRequest(String method, Map<String, String> headers, Map<String, String> query, byte[] body) {

    public String header(String name) { return headers.get(name.toLowerCase(java.util.Locale.ROOT)); }
}
