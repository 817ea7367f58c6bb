package io.wagateway.connector.webex;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webex Connect's {@code x-hub-signature}: the hex HMAC of the notification body with the hub secret, using the
 * algorithm chosen when the outbound webhook was configured (SHA-256 or SHA-512; SHA-1 only on old configurations).
 * The value may come with an {@code sha256=} style prefix or without. Comparison runs in constant time.
 */
final class HubSignature {

    static final String HEADER = "x-hub-signature";

    enum Algorithm {
        SHA1("sha1", "HmacSHA1", 20), SHA256("sha256", "HmacSHA256", 32), SHA512("sha512", "HmacSHA512", 64);

        final String prefix;
        final String jca;
        final int bytes;

        Algorithm(String prefix, String jca, int bytes) {
            this.prefix = prefix;
            this.jca = jca;
            this.bytes = bytes;
        }

        /** The {@code hub-algorithm} setting: sha256 when unset; sha-256, HmacSHA512 and the like are understood. */
        static Optional<Algorithm> fromSetting(String setting) {
            if (setting == null || setting.isBlank()) {
                return Optional.of(SHA256);
            }
            String name = setting.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("hmac", "");
            for (Algorithm algorithm : values()) {
                if (algorithm.prefix.equals(name)) {
                    return Optional.of(algorithm);
                }
            }
            return Optional.empty();
        }
    }

    private HubSignature() {}

    /** The header value Webex would send for {@code body}, with its prefix. */
    static String sign(Algorithm algorithm, byte[] body, String secret) {
        return algorithm.prefix + "=" + HexFormat.of().formatHex(hmac(algorithm, body, secret));
    }

    /**
     * Whether {@code header} signs {@code body}. The raw bytes are checked first. Webex's own sample verifier
     * hashes the body "with white space trimmed", so the same body without the white space between JSON tokens is
     * accepted too; that needs the secret just the same.
     */
    static boolean verify(Algorithm algorithm, byte[] body, String header, String secret) {
        if (header == null || body == null || secret == null || secret.isEmpty()) {
            return false;
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals >= 0) {
            String prefix = value.substring(0, equals).toLowerCase(Locale.ROOT).replace("-", "");
            if (!prefix.equals(algorithm.prefix)) {
                return false;
            }
            value = value.substring(equals + 1).strip();
        }
        if (value.length() != algorithm.bytes * 2) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        if (MessageDigest.isEqual(hmac(algorithm, body, secret), given)) {
            return true;
        }
        byte[] compact = JsonWhitespace.strip(body);
        return compact.length != body.length && MessageDigest.isEqual(hmac(algorithm, compact, secret), given);
    }

    private static byte[] hmac(Algorithm algorithm, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(algorithm.jca);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm.jca));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jca + " is not available", e);
        }
    }
}
