package io.wagateway.connector.cm;

import io.wagateway.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * CM does not sign webhooks, so the URL registered in CM's portal carries the connector's {@code webhook-secret}:
 * as the query parameter {@code secret}, or as the password of HTTP basic auth (CONTRACT.md section 7).
 * Candidates are compared through their SHA-256 digests, so the time taken tells nothing about the secret,
 * its length included.
 */
final class CmWebhookAuth {

    static final String QUERY_PARAMETER = "secret";

    enum Verdict { ACCEPTED, NOT_CONFIGURED, REFUSED }

    private CmWebhookAuth() {}

    static Verdict check(WebhookRequest request, String expected) {
        if (expected == null || expected.isBlank()) {
            return Verdict.NOT_CONFIGURED;
        }
        byte[] want = sha256(expected);
        boolean match = false;
        for (String given : candidates(request)) {
            // no early exit: every candidate is compared
            match |= MessageDigest.isEqual(want, sha256(given));
        }
        return match ? Verdict.ACCEPTED : Verdict.REFUSED;
    }

    private static List<String> candidates(WebhookRequest request) {
        List<String> given = new ArrayList<>();
        Map<String, String> query = request.query() == null ? Map.of() : request.query();
        if (query.get(QUERY_PARAMETER) != null) {
            given.add(query.get(QUERY_PARAMETER));
        }
        String authorization = request.headers() == null ? null : request.header("authorization");
        String password = basicPassword(authorization);
        if (password != null) {
            given.add(password);
        }
        return given;
    }

    /** The password of {@code Basic base64(user:password)}; null for any other or malformed header. */
    static String basicPassword(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
