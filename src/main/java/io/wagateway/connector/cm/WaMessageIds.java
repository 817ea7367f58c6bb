package io.wagateway.connector.cm;

import java.util.Base64;
import java.util.Optional;

/**
 * The user's number inside a WhatsApp message id. CM's {@code MarkAsRead} event names the user ({@code to.number}),
 * but the connector contract's {@code markRead} passes only the message id; a wamid is base64 of a record that
 * starts with the user's number ({@code 1C 18 <length> <digits>...}). That layout is WhatsApp's, not documented,
 * so anything else reads as "unknown" and the read mark is skipped rather than guessed.
 */
final class WaMessageIds {

    private static final String PREFIX = "wamid.";

    private WaMessageIds() {}

    static Optional<String> userDigits(String wamid) {
        if (wamid == null || !wamid.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            String encoded = wamid.substring(PREFIX.length()).replace('-', '+').replace('_', '/');
            bytes = Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < 3 || bytes[0] != 0x1C || bytes[1] != 0x18) {
            return Optional.empty();
        }
        int length = bytes[2];
        if (length < 6 || length > 17 || bytes.length < 3 + length) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(length);
        for (int i = 3; i < 3 + length; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return Optional.empty();
            }
            digits.append((char) bytes[i]);
        }
        return Optional.of(digits.toString());
    }
}
