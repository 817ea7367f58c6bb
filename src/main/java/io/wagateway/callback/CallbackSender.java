package io.wagateway.callback;

import io.wagateway.config.GatewayProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * POSTs one event to an app's callback URL, signed with the app's secret:
 * {@code X-Gateway-Signature: sha256=<hex HMAC-SHA256 of the raw body>} (contract section 5, fixed).
 */
@Component("callbackSender")
public class CallbackSender {

    public static final String SIGNATURE_HEADER = "X-Gateway-Signature";
    /** JMS property: when the gateway learned of the event, in epoch milliseconds; the retry window counts from it. */
    public static final String RECEIVED_AT = "receivedAtMillis";

    /** A callback that did not get a 2xx: retried until the window closes. */
    public static class CallbackFailed extends RuntimeException {
        public CallbackFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final GatewayProperties properties;
    private final HttpClient http;

    public CallbackSender(GatewayProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.callbacks().timeout()).build();
    }

    public void post(Exchange exchange) throws InterruptedException {
        String app = exchange.getIn().getHeader("app", String.class);
        GatewayProperties.Callback callback = properties.apps().get(app).callback();
        byte[] body = exchange.getIn().getBody(String.class).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(callback.url()))
                .timeout(properties.callbacks().timeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "sha256=" + sign(callback.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status >= 300) {
                throw new CallbackFailed("callback of app " + app + " answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new CallbackFailed("callback of app " + app + " failed: " + e.getClass().getSimpleName());
        }
    }

    /** Whether a failed callback may still be retried: the window counts from when the gateway got the event. */
    public boolean withinWindow(Exchange exchange) {
        Long receivedAt = exchange.getIn().getHeader(RECEIVED_AT, Long.class);
        Duration window = properties.callbacks().retryWindow();
        return receivedAt == null || Instant.ofEpochMilli(receivedAt).plus(window).isAfter(Instant.now());
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
