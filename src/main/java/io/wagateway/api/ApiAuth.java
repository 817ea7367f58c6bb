package io.wagateway.api;

import io.wagateway.config.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Bearer API keys per app. Keys are held as SHA-256 digests ({@code api-key-sha256}, or the digest of a plain
 * {@code api-key}) and compared in constant time against every app, so timing tells nothing about a key.
 */
@Component
public class ApiAuth {

    private final Map<String, byte[]> digestsByApp;
    private final GatewayProperties properties;

    public ApiAuth(GatewayProperties properties) {
        this.properties = properties;
        this.digestsByApp = properties.apps().entrySet().stream()
                .filter(e -> hasText(e.getValue().apiKey()) || hasText(e.getValue().apiKeySha256()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> hasText(e.getValue().apiKeySha256())
                        ? HexFormat.of().parseHex(e.getValue().apiKeySha256()) : sha256(e.getValue().apiKey())));
    }

    /** Returns the app that owns the key in an {@code Authorization: Bearer} header, or throws a 401 problem. */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Send the app's API key as 'Authorization: Bearer <key>'.");
        }
        byte[] presented = sha256(authorization.substring(7).trim());
        String match = null;
        for (Map.Entry<String, byte[]> entry : digestsByApp.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getValue())) {
                match = entry.getKey();
            }
        }
        if (match == null) {
            throw unauthorized("The API key is not valid.");
        }
        return match;
    }

    /** 403 unless the app may send from the sender. Unknown senders get the same answer, so ids don't leak. */
    public void requireSender(String appId, String senderId) {
        if (!properties.apps().get(appId).senders().contains(senderId)) {
            throw new ProblemException(Problem.of(403, "sender-not-allowed", "Sender not allowed",
                    "This app may not send from sender '" + senderId + "'."));
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    /** An app with no key (or an empty one) is disabled: it can never authenticate. */
    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
