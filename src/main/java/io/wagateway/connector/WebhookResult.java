package io.wagateway.connector;

import java.util.List;

/**
 * What a webhook call meant: the reply the provider expects and the canonical facts it carried.
 * A refused call ({@link #accepted()} false) carries no facts and must change no state.
 */
public record WebhookResult(boolean accepted, int httpStatus, String contentType, String body,
                            List<ProviderEvent> events) {

    public static WebhookResult ok(List<ProviderEvent> events) {
        return new WebhookResult(true, 200, "text/plain", "OK", events);
    }

    /** A reply with no facts, e.g. Meta's verification handshake. */
    public static WebhookResult reply(int status, String contentType, String body) {
        return new WebhookResult(status < 300, status, contentType, body, List.of());
    }

    public static WebhookResult refused(int status, String reason) {
        return new WebhookResult(false, status, "text/plain", reason, List.of());
    }
}
