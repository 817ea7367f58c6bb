package io.wagateway.support;

/** Masks phone numbers and secrets before anything reaches a log. */
public final class Redact {

    private Redact() {}

    /** {@code +447700900123} becomes {@code +44*******23}: enough to tell numbers apart in a log, not to dial. */
    public static String phone(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() <= 5) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 3) + "*".repeat(number.length() - 5) + number.substring(number.length() - 2);
    }

    public static String secret(String value) {
        return value == null ? null : "****";
    }
}
