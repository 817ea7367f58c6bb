package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a failure receipt. Webex often wraps WhatsApp's own code: {@code code 7200} with
 * {@code additionalInfo "(#131047)  | Message failed ..."}, or (older documents) an {@code additional_info} array of
 * {@code {code, title}}. The WhatsApp code is the more precise reason, so it is classified first: by the meta-cloud
 * catalogue (Cloud API codes), then by this connector's {@code onprem-<code>} rows (older On-Premises codes); the
 * Webex code is the fallback. Webex's identity codes win over everything: a mismatch must never read as anything
 * else, since it is what stops the gateway from retrying into a changed identity.
 */
final class ReceiptErrors {

    /** {@code (#131049)  | In order to ...}; the text part may be missing. */
    private static final Pattern WHATSAPP_CODE = Pattern.compile("^\\s*\\(#(\\d+)\\)\\s*(?:\\|\\s*)?(.*)$", Pattern.DOTALL);
    private static final Set<String> IDENTITY_CODES = Set.of("7862", "7802");
    static final String ONPREM_PREFIX = "onprem-";

    /** What a receipt said about a failure: its Webex code and description, and WhatsApp's code and text if any. */
    record Reason(String webexCode, String description, String whatsAppCode, String whatsAppText) {}

    private final ErrorCatalogue webex;
    private final ErrorCatalogue meta;

    ReceiptErrors(ErrorCatalogue webex, ErrorCatalogue meta) {
        this.webex = webex;
        this.meta = meta;
    }

    /** Reads the failure parts of {@code deliveryInfo}. */
    static Reason reason(JsonNode deliveryInfo) {
        String code = WebexJson.text(deliveryInfo.get("code"));
        String description = WebexJson.text(deliveryInfo.get("Description"));
        JsonNode array = deliveryInfo.path("additional_info").path(0);
        if (array.isObject() && WebexJson.text(array.get("code")) != null) {
            return new Reason(code, description, WebexJson.text(array.get("code")), WebexJson.text(array.get("title")));
        }
        String info = WebexJson.text(deliveryInfo.get("additionalInfo"));
        if (info == null) {
            return new Reason(code, description, null, null);
        }
        Matcher matcher = WHATSAPP_CODE.matcher(info);
        if (matcher.matches()) {
            String text = matcher.group(2).strip();
            return new Reason(code, description, matcher.group(1), text.isEmpty() ? null : text);
        }
        // plain text such as "Invalid waid": no WhatsApp code, but the best words we have
        return new Reason(code, description, null, info);
    }

    /** Whether {@code code} is a Webex failure code this connector knows. */
    boolean knows(String code) {
        return code != null && webex.find(code).isPresent();
    }

    MessageError classify(Reason reason) {
        String webexCode = reason.webexCode();
        if (webexCode != null && IDENTITY_CODES.contains(webexCode)) {
            return fromWebex(reason);
        }
        if (reason.whatsAppCode() != null) {
            Optional<ErrorCatalogue.Entry> entry = meta.find(reason.whatsAppCode())
                    .or(() -> webex.find(ONPREM_PREFIX + reason.whatsAppCode()));
            if (entry.isPresent()) {
                return fromWhatsApp(entry.get(), reason);
            }
        }
        return fromWebex(reason);
    }

    private MessageError fromWhatsApp(ErrorCatalogue.Entry entry, Reason reason) {
        String title = reason.whatsAppText() != null ? reason.whatsAppText() : entry.title();
        return new MessageError(entry.category(), reason.whatsAppCode(), title,
                (sentence("Webex Connect code " + reason.webexCode()) + orEmpty(entry.advice())).strip(),
                entry.retryable());
    }

    private MessageError fromWebex(Reason reason) {
        String whatsApp = reason.whatsAppCode() != null
                ? "WhatsApp code " + reason.whatsAppCode() + (reason.whatsAppText() != null ? ": " + reason.whatsAppText() : "")
                : reason.whatsAppText();
        if (reason.webexCode() == null) {
            return new MessageError(ErrorCategory.UNKNOWN, null,
                    firstText(whatsApp, usefulDescription(reason.description()), "Failed without an error code"), null, false);
        }
        ErrorCatalogue.Entry entry = webex.lookup(reason.webexCode());
        String title = firstText(usefulDescription(reason.description()), entry.title(), "Unknown Webex Connect code");
        String detail = whatsApp == null ? entry.advice() : (sentence(whatsApp) + orEmpty(entry.advice())).strip();
        return new MessageError(entry.category(), reason.webexCode(), title, detail, entry.retryable());
    }

    /** Ends {@code text} with one full stop and a space, ready for the advice that follows. */
    private static String sentence(String text) {
        String trimmed = text.strip();
        return (trimmed.endsWith(".") ? trimmed : trimmed + ".") + " ";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** "Unknown Status" and "Failed" say nothing the status does not. */
    private static String usefulDescription(String description) {
        return description == null || description.equalsIgnoreCase("Unknown Status")
                || description.equalsIgnoreCase("Failed") ? null : description;
    }

    private static String firstText(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
