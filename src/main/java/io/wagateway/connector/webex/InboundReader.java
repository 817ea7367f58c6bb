package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SenderRef;
import io.wagateway.model.ContactCard;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the app-level outbound webhook events ({@code event}: {@code MO}, {@code postback}, {@code reply},
 * {@code list}, {@code user_preference}) into inbound messages. The platform id {@code tid} is the provider message
 * id; {@code appId} names our sender. {@code attachments}, {@code location} and {@code contacts} arrive as JSON
 * inside strings and are parsed a second time.
 */
final class InboundReader {

    private static final Logger log = LoggerFactory.getLogger(InboundReader.class);

    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");
    private static final MessageError EMPTY_MESSAGE = new MessageError(ErrorCategory.UNSUPPORTED_CONTENT, null,
            "Message without readable content", "Webex Connect sent an MO event with no text, media, location or contacts.",
            false);
    private static final JsonNode NOTHING = JsonNodeFactory.instance.arrayNode();

    private final ObjectMapper mapper;

    InboundReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<ProviderEvent> read(JsonNode event) {
        String kind = WebexJson.text(event.get("event"));
        String appId = firstText(WebexJson.text(event.get("appId")), WebexJson.text(event.get("appid")));
        if (appId == null) {
            log.warn("skipped a '{}' event without an appId", kind);
            return List.of();
        }
        SenderRef to = SenderRef.appId(appId);
        ContactRef from = Contacts.from(event);
        Instant at = WebexJson.instant(event.get("ts"));
        String id = firstText(WebexJson.text(event.get("tid")), "sha256:" + ProviderEvent.digest(event.toString()));
        String contextId = WebexJson.text(event.get("contextId"));
        return switch (kind == null ? "" : kind.toLowerCase(Locale.ROOT)) {
            case "mo" -> messages(event, id, to, from, at);
            // a template quick reply: the payload the business set, and the text the user saw
            case "postback" -> List.of(new ProviderEvent.Inbound(id, to, from, at, InboundContent.reply("button",
                    reply(event, "buttonPayload", "buttonText", null)), contextId));
            case "reply" -> List.of(new ProviderEvent.Inbound(id, to, from, at, InboundContent.reply("reply",
                    reply(event, "replyButtonIdentifier", "replyButtonTitle", null)), contextId));
            case "list" -> List.of(new ProviderEvent.Inbound(id, to, from, at, InboundContent.reply("reply",
                    reply(event, "listRowIdentifier", "listRowTitle", "listRowDescription")), contextId));
            case "user_preference" -> preferences(event, to, from, at);
            default -> {
                log.info("skipped a '{}' event from app {}: not handled", kind, appId);
                yield List.of();
            }
        };
    }

    private static InboundContent.Reply reply(JsonNode event, String idField, String titleField, String descField) {
        String title = WebexJson.text(event.get(titleField));
        String id = firstText(WebexJson.text(event.get(idField)), title);
        return new InboundContent.Reply(id, title, descField == null ? null : WebexJson.text(event.get(descField)));
    }

    /** One event per attachment (the first keeps the {@code tid}); else location, contacts or text. */
    private List<ProviderEvent> messages(JsonNode event, String id, SenderRef to, ContactRef from, Instant at) {
        List<InboundContent> contents = contents(event);
        List<ProviderEvent> events = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            events.add(new ProviderEvent.Inbound(i == 0 ? id : id + "#" + (i + 1), to, from, at, contents.get(i), null));
        }
        return events;
    }

    private List<InboundContent> contents(JsonNode event) {
        String text = WebexJson.text(event.get("message"));
        List<InboundContent> media = new ArrayList<>();
        for (JsonNode attachment : array(WebexJson.embedded(mapper, event.get("attachments")))) {
            InboundContent content = media(attachment, WebexJson.text(event.get("type")), text);
            if (content != null) {
                media.add(content);
            }
        }
        if (!media.isEmpty()) {
            return media;
        }
        JsonNode location = WebexJson.embedded(mapper, event.get("location"));
        if (location.isObject() && WebexJson.decimal(location.get("latitude")) != null) {
            return List.of(InboundContent.location(new InboundContent.Location(WebexJson.decimal(location.get("latitude")),
                    WebexJson.decimal(location.get("longitude")), WebexJson.text(location.get("name")),
                    WebexJson.text(location.get("address")), WebexJson.text(location.get("url")))));
        }
        JsonNode contacts = WebexJson.embedded(mapper, event.has("contacts") ? event.get("contacts") : event.get("contact"));
        List<ContactCard> cards = new ArrayList<>();
        Iterable<JsonNode> items = contacts.isObject() ? List.of(contacts) : array(contacts);
        for (JsonNode card : items) {
            cards.add(ContactCards.read(card));
        }
        if (!cards.isEmpty()) {
            return List.of(InboundContent.contacts(cards));
        }
        return List.of(text != null ? InboundContent.text(text) : InboundContent.unsupported(EMPTY_MESSAGE));
    }

    /** {@code {mime_type, url, caption?}}, or for stickers {@code {sticker: {mime_type, sha256, ...}, url}}. */
    private static InboundContent media(JsonNode attachment, String typeHint, String text) {
        String url = WebexJson.text(attachment.get("url"));
        if (url == null) {
            log.info("skipped an attachment without a url");
            return null;
        }
        JsonNode sticker = attachment.path("sticker");
        String mimeType = firstText(WebexJson.text(attachment.get("mime_type")), WebexJson.text(sticker.get("mime_type")));
        String hint = typeHint == null ? null : typeHint.toLowerCase(Locale.ROOT);
        String type = sticker.isObject() ? "sticker" : hint != null && MEDIA_TYPES.contains(hint) ? hint : typeOf(mimeType);
        String caption = firstText(WebexJson.text(attachment.get("caption")), text);
        String filename = firstText(WebexJson.text(attachment.get("filename")), WebexJson.text(attachment.get("file_name")));
        String sha256 = firstText(WebexJson.text(attachment.get("sha256")), WebexJson.text(sticker.get("sha256")));
        return InboundContent.media(type, new InboundContent.Media(url, null, mimeType,
                type.equals("sticker") || type.equals("audio") ? null : caption, filename, sha256, null, null, null));
    }

    private static String typeOf(String mimeType) {
        String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        return mime.startsWith("image/") ? "image" : mime.startsWith("video/") ? "video"
                : mime.startsWith("audio/") ? "audio" : "document";
    }

    /**
     * {@code user_preferences[{waNumber, detail, category, value, timestamp}]}: the user stopped or resumed
     * marketing messages. There is no canonical consent event from connectors yet, so each becomes a notice.
     */
    private static List<ProviderEvent> preferences(JsonNode event, SenderRef to, ContactRef from, Instant at) {
        List<ProviderEvent> notices = new ArrayList<>();
        for (JsonNode preference : array(event.get("user_preferences"))) {
            Map<String, String> data = new LinkedHashMap<>();
            putIfPresent(data, "category", WebexJson.text(preference.get("category")));
            putIfPresent(data, "value", WebexJson.text(preference.get("value")));
            putIfPresent(data, "waId", firstText(Contacts.waId(WebexJson.text(preference.get("waNumber"))), from.waId()));
            putIfPresent(data, "userId", from.userId());
            Instant when = firstInstant(preferenceTime(preference.get("timestamp")), at);
            notices.add(new ProviderEvent.Notice("contact.consent_changed", to, when, data.get("value"),
                    "User preference for " + data.getOrDefault("category", "messages"),
                    WebexJson.text(preference.get("detail")), data));
        }
        return notices;
    }

    /** Epoch seconds, epoch milliseconds or ISO-8601: the documents show no example. */
    private static Instant preferenceTime(JsonNode node) {
        String text = WebexJson.text(node);
        if (text != null && text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
            long value = Long.parseLong(text);
            return value >= 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        }
        return WebexJson.instant(node);
    }

    private static JsonNode array(JsonNode node) {
        return node != null && node.isArray() ? node : NOTHING;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Instant firstInstant(Instant a, Instant b) {
        return a != null ? a : b;
    }

    private static String firstText(String a, String b) {
        return a != null ? a : b;
    }
}
