package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.ProviderEvent.Notice;
import io.wagateway.connector.SenderRef;
import io.wagateway.model.MessageError;
import io.wagateway.model.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * News about the account rather than a message: {@code value.errors[]} of a messages change, and the other webhook
 * fields (template reviews and quality, number quality and limits, account updates). Each becomes a
 * {@link Notice} whose {@code data} holds the provider's fields with camelCase keys, plus {@code wabaId} (the
 * entry id). Notices name a sender only when the webhook says which number it is about.
 */
final class AccountNotices {

    static final String CONNECTOR_ERROR = "connector.error";
    static final String TEMPLATE_STATUS = "template.status_changed";
    static final String TEMPLATE_QUALITY = "template.quality_changed";
    static final String SENDER_QUALITY = "sender.quality_changed";
    static final String ACCOUNT_UPDATED = "account.updated";

    /** Meta's long template field names, shortened; everything else keeps its own (camelCased) name. */
    private static final Map<String, String> RENAMES = Map.of(
            "message_template_id", "templateId",
            "message_template_name", "templateName",
            "message_template_language", "language",
            "message_template_category", "category");

    private final ErrorCatalogue errors;
    private final Clock clock;

    AccountNotices(ErrorCatalogue errors, Clock clock) {
        this.errors = errors;
        this.clock = clock;
    }

    /**
     * {@code value.errors[]}: problems with the number or account, not with one message. They carry no time of
     * their own, so the time they were read stands in.
     */
    void valueErrors(JsonNode value, String wabaId, List<? super Notice> notices) {
        SenderRef sender = SenderRef.phoneNumberId(Json.text(value.path("metadata").get("phone_number_id")));
        for (JsonNode error : Json.array(value.get("errors"))) {
            String code = Json.text(error.get("code"));
            String title = Json.text(error.get("title"));
            MessageError mapped = errors.error(code, title != null ? title : Json.text(error.get("message")),
                    Json.text(error.path("error_data").get("details")));
            Map<String, String> data = data(wabaId, null);
            data.put("category", mapped.category().name());
            data.put("retryable", Boolean.toString(mapped.retryable()));
            putText(data, "href", Json.text(error.get("href")));
            notices.add(new Notice(CONNECTOR_ERROR, sender.phoneNumberId() == null ? null : sender, clock.instant(),
                    code, mapped.title(), mapped.detail(), data));
        }
    }

    /** The notice for a non-messages field; null for a field the gateway does not read. */
    Notice field(String field, JsonNode entry, JsonNode value) {
        String wabaId = Json.text(entry.get("id"));
        Instant at = Json.instant(entry.get("time"));
        Instant when = at != null ? at : clock.instant();
        Map<String, String> data = data(wabaId, value);
        String event = Json.text(value.get("event"));
        return switch (field) {
            case "message_template_status_update" -> new Notice(TEMPLATE_STATUS, null, when, event,
                    "Template " + template(data) + " is now " + shown(event),
                    "NONE".equals(data.get("reason")) ? null : data.get("reason"), data);
            case "message_template_quality_update" -> new Notice(TEMPLATE_QUALITY, null, when,
                    data.get("newQualityScore"), "Template " + template(data) + " quality changed from "
                    + shown(data.get("previousQualityScore")) + " to " + shown(data.get("newQualityScore")), null, data);
            case "phone_number_quality_update" -> new Notice(SENDER_QUALITY, number(data.get("displayPhoneNumber")),
                    when, event, "Business number quality or limit event " + shown(event), data.get("currentLimit"),
                    data);
            case "account_update" -> new Notice(ACCOUNT_UPDATED, null, when, event, "Account update " + shown(event),
                    null, data);
            default -> null;
        };
    }

    private static String template(Map<String, String> data) {
        return shown(data.get("templateName")) + " (" + shown(data.get("language")) + ")";
    }

    /** A field for a human-readable title; a payload without it still gives a readable title. */
    private static String shown(String value) {
        return value != null ? value : "?";
    }

    /**
     * A quality update names the number only by its display form; the gateway matches senders by its digits. The
     * WABA is in {@code data.wabaId}.
     */
    private static SenderRef number(String display) {
        if (display == null) {
            return null;
        }
        String digits = display.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : SenderRef.number(PhoneNumbers.toE164("+" + digits).orElse("+" + digits));
    }

    /** {@code wabaId} plus the value's fields flattened: {@code other_info.title} becomes {@code otherInfoTitle}. */
    private static Map<String, String> data(String wabaId, JsonNode value) {
        Map<String, String> data = new LinkedHashMap<>();
        putText(data, "wabaId", wabaId);
        if (value != null) {
            flatten("", value, data);
        }
        return data;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> data) {
        node.fields().forEachRemaining(field -> {
            String key = prefix.isEmpty() ? RENAMES.getOrDefault(field.getKey(), Json.camelCase(field.getKey()))
                    : prefix + capitalised(Json.camelCase(field.getKey()));
            JsonNode child = field.getValue();
            if (child.isObject()) {
                flatten(key, child, data);
            } else if (child.isArray()) {
                List<String> items = new ArrayList<>();
                child.forEach(item -> putText(items, Json.text(item)));
                if (!items.isEmpty()) {
                    data.put(key, String.join(",", items));
                }
            } else {
                putText(data, key, Json.text(child));
            }
        });
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void putText(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static void putText(List<String> items, String value) {
        if (value != null) {
            items.add(value);
        }
    }
}
