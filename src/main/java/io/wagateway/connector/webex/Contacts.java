package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.connector.ContactRef;
import io.wagateway.model.PhoneNumbers;
import java.util.regex.Pattern;

/** The WhatsApp user of an inbound event, and WAID clean-up shared with receipts. */
final class Contacts {

    private static final Pattern WAID = Pattern.compile("\\+?[0-9]{6,20}");

    private Contacts() {}

    /** A WAID as digits ({@code +919876543210} and {@code 919876543210} alike); null when masked or not a WAID. */
    static String waId(String value) {
        if (value == null || !WAID.matcher(value.strip()).matches()) {
            return null;
        }
        return PhoneNumbers.toDigits(value.strip());
    }

    /**
     * {@code waid} (sometimes with {@code +}) as phone in +E.164 and as WAID; {@code bsuid} as user id;
     * {@code username} (else the WhatsApp {@code userHandle}) as name; {@code identityKeyHash}. When
     * {@code waidDerived} is true the {@code waid} field holds a copy of the BSUID, not a number.
     */
    static ContactRef from(JsonNode event) {
        String rawWaId = WebexJson.text(event.get("waid"));
        String userId = WebexJson.text(event.get("bsuid"));
        if (WebexJson.flag(event.get("waidDerived"))) {
            userId = userId != null ? userId : rawWaId;
            rawWaId = null;
        }
        String waId = waId(rawWaId);
        String phone = waId == null ? null : PhoneNumbers.toE164("+" + waId).orElse(null);
        String name = WebexJson.text(event.get("username"));
        if (name == null) {
            name = WebexJson.text(event.get("userHandle"));
        }
        return new ContactRef(phone, waId, userId, name, WebexJson.text(event.get("identityKeyHash")));
    }
}
