package io.wagateway.connector;

/**
 * Which business number a webhook concerns, in whatever terms the provider uses: Meta's phone number id, the
 * number itself (CM.com), or the app id (Webex Connect). The pipeline maps it to a configured sender.
 */
public record SenderRef(String phoneNumberId, String number, String appId) {

    public static SenderRef phoneNumberId(String id) { return new SenderRef(id, null, null); }

    public static SenderRef number(String e164) { return new SenderRef(null, e164, null); }

    public static SenderRef appId(String id) { return new SenderRef(null, null, id); }
}
