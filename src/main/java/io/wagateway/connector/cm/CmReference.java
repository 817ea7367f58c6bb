package io.wagateway.connector.cm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CM's {@code reference}: the only key CM echoes in status reports, since its send response names no message.
 * It allows 1 to 32 letters and digits, so our message id goes in as directly as that allows and comes back out
 * of a report unchanged: a UUID loses its dashes (32 hex digits) and gets them back; an id that already fits is
 * sent as it is. Anything else is hashed, and such a report then correlates through the stored provider id only.
 */
final class CmReference {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

    private CmReference() {}

    /** The reference for our message id; the same id always gives the same reference, so a resend can be matched. */
    static String of(String gatewayMessageId) {
        if (gatewayMessageId == null || gatewayMessageId.isBlank()) {
            throw new IllegalArgumentException("message has no id to derive a CM reference from");
        }
        if (UUID.matcher(gatewayMessageId).matches()) {
            return gatewayMessageId.replace("-", "").toLowerCase(Locale.ROOT);
        }
        if (ALLOWED.matcher(gatewayMessageId).matches()) {
            return gatewayMessageId;
        }
        return sha256Hex(gatewayMessageId).substring(0, 32);
    }

    /** Our message id for a reference CM echoed, when the reference can be one of ours. */
    static Optional<String> gatewayMessageId(String reference) {
        if (reference == null || !ALLOWED.matcher(reference).matches()) {
            return Optional.empty();
        }
        if (HEX32.matcher(reference).matches()) {
            String hex = reference.toLowerCase(Locale.ROOT);
            return Optional.of(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20));
        }
        return Optional.of(reference);
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
