package io.wagateway.connector.cm;

import io.wagateway.model.PhoneNumbers;

/**
 * Numbers as CM writes them in webhooks: {@code +316012345678} for users, and for our own numbers any of
 * {@code 0031612345678}, {@code +31612345678} or a short code. Everything becomes {@code +} and digits.
 */
final class CmNumbers {

    private CmNumbers() {}

    /** +E.164 when libphonenumber accepts the number, else {@code +} and its digits; null when it has none. */
    static String e164(String raw) {
        String digits = digits(raw);
        if (digits == null) {
            return null;
        }
        return PhoneNumbers.toE164("+" + digits).orElse("+" + digits);
    }

    /** Only the digits, without an international {@code 00} or {@code +} prefix: the wa_id-like form. */
    static String digits(String raw) {
        if (raw == null) {
            return null;
        }
        String compact = raw.strip();
        String digits = compact.replaceAll("[^0-9]", "");
        if (!compact.startsWith("+") && digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        return digits.isEmpty() ? null : digits;
    }
}
