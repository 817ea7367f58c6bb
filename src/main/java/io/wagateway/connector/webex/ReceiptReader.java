package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.StatusMap;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@code deliveryInfoNotification} into a receipt. The status comes from {@code deliveryStatus} (else
 * {@code Description}), and only when neither is a known word from {@code code} (statuses.csv); a code from the
 * error catalogue is a failure; anything else (a receipt type the gateway does not know) is skipped. Correlation: {@code transid} is the provider message id, {@code callbackData} (else
 * {@code correlationid}) our own id.
 */
final class ReceiptReader {

    private static final Logger log = LoggerFactory.getLogger(ReceiptReader.class);

    private final StatusMap statuses;
    private final ReceiptErrors errors;

    ReceiptReader(StatusMap statuses, ReceiptErrors errors) {
        this.statuses = statuses;
        this.errors = errors;
    }

    /** The receipt in {@code notification} (the value of {@code deliveryInfoNotification}); null when unusable. */
    ProviderEvent.Receipt read(JsonNode notification) {
        JsonNode info = notification.path("deliveryInfo");
        String transid = Transids.normalize(WebexJson.text(notification.get("transid")));
        String gatewayId = firstText(WebexJson.text(notification.get("callbackData")),
                WebexJson.text(notification.get("correlationid")));
        String code = WebexJson.text(info.get("code"));
        String word = firstText(WebexJson.text(info.get("deliveryStatus")), WebexJson.text(info.get("Description")));
        if (transid == null) {
            // the dedupe key is built on the transid: without one, two messages' receipts could collapse into one
            log.warn("skipped a receipt (code {}) without a transid (gateway message {})", code, gatewayId);
            return null;
        }
        MessageStatus status = status(word, code);
        if (status == null) {
            log.info("skipped a receipt with unknown status '{}' code {} (gateway message {})", word, code, gatewayId);
            return null;
        }
        MessageError error = status == MessageStatus.FAILED ? errors.classify(ReceiptErrors.reason(info)) : null;
        Recipient recipient = recipient(info);
        return new ProviderEvent.Receipt(transid, gatewayId, status, providerStatus(code, word),
                WebexJson.instant(info.get("timeStamp")), error, null, recipient.waId(), recipient.userId(),
                WebexJson.text(info.get("identityKeyHash")));
    }

    private MessageStatus status(String word, String code) {
        if (statuses.map(word) instanceof StatusMap.Mapping.To to) {
            return to.status();
        }
        if (statuses.map(code) instanceof StatusMap.Mapping.To to) {
            return to.status();
        }
        // a known error code reports a failure even when the words are missing or are the error's own text
        return errors.knows(code) ? MessageStatus.FAILED : null;
    }

    /** Code and word, lower case: stable across Webex's retries of one notification, distinct between steps. */
    private static String providerStatus(String code, String word) {
        String lower = word == null ? null : word.toLowerCase(Locale.ROOT);
        return code == null ? lower : lower == null ? code : code + " " + lower;
    }

    private record Recipient(String waId, String userId) {}

    /**
     * {@code waid} and {@code bsuid} (v6.18+), else {@code destination} by {@code destinationType}. When
     * {@code waidNormalized} is true the WAID field held a BSUID. Masked values ({@code 9198765xxxxx}) are dropped.
     */
    private static Recipient recipient(JsonNode info) {
        String waId = WebexJson.text(info.get("waid"));
        String userId = WebexJson.text(info.get("bsuid"));
        String destination = WebexJson.text(info.get("destination"));
        String type = WebexJson.text(info.get("destinationType"));
        if (WebexJson.flag(info.get("waidNormalized")) || WebexJson.flag(info.get("waidNormalised"))) {
            userId = firstText(userId, waId);
            waId = null;
        }
        if (waId == null && "waid".equalsIgnoreCase(type)) {
            waId = destination;
        }
        if (userId == null && "bsuid".equalsIgnoreCase(type)) {
            userId = destination;
        }
        return new Recipient(Contacts.waId(waId), userId);
    }

    private static String firstText(String a, String b) {
        return a != null ? a : b;
    }
}
