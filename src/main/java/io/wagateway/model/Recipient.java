package io.wagateway.model;

/** Who a message goes to: an E.164 phone number or a business-scoped user id (exactly one is set). */
public record Recipient(String phone, String userId) {
    public static Recipient phone(String e164) { return new Recipient(e164, null); }

    public static Recipient user(String userId) { return new Recipient(null, userId); }

    /** The stable key for ordering and identity: the phone, else the user id. */
    public String key() { return phone != null ? phone : userId; }
}
