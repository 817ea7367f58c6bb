package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SenderRef;
import io.wagateway.model.ContactCard;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CM's inbound (MO) webhook (providers/cm-api.md section 4) into a canonical inbound message. Both shapes
 * are read: the documented one (no {@code custom.message_type}) and the one seen live in 2024. The kind comes from
 * {@code custom.message_type} when CM gives one, else from which part is filled: media, location, contacts,
 * a button or list reply, else text.
 */
final class CmInbound {

    private static final Logger log = LoggerFactory.getLogger(CmInbound.class);

    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

    /** The parsed body in the parts this class reads. */
    private record Parts(JsonNode message, JsonNode custom, JsonNode media, String text) {}

    /** The inbound message in {@code root}; empty (and logged) for another channel or a message without a sender. */
    Optional<ProviderEvent.Inbound> read(JsonNode root, byte[] rawBody) {
        String channel = CmJson.text(CmJson.field(root, "channel"));
        if (channel != null && !channel.equalsIgnoreCase("WhatsApp")) {
            log.info("CM inbound message on channel '{}' skipped: this connector carries WhatsApp only", channel);
            return Optional.empty();
        }
        JsonNode from = CmJson.field(root, "from");
        String fromNumber = CmNumbers.e164(CmJson.text(CmJson.field(from, "number")));
        if (fromNumber == null) {
            log.warn("CM inbound message without a sender number skipped");
            return Optional.empty();
        }
        ContactRef contact = new ContactRef(fromNumber, CmNumbers.digits(fromNumber), null,
                CmJson.text(CmJson.field(from, "name")), null);
        SenderRef to = SenderRef.number(CmNumbers.e164(CmJson.text(CmJson.path(root, "to", "number"))));
        JsonNode message = CmJson.field(root, "message");
        Parts parts = new Parts(message, CmJson.field(message, "custom"), CmJson.field(message, "media"),
                CmJson.text(CmJson.field(message, "text")));
        // live traffic carries the inbound wamid in reference; without one the body itself is the identity
        String id = CmJson.text(CmJson.field(root, "reference"));
        String providerId = id != null ? id : "cm-body-" + sha256Hex(rawBody).substring(0, 40);
        return Optional.of(new ProviderEvent.Inbound(providerId, to, contact, occurredAt(root, parts.custom()),
                content(parts), CmJson.text(CmJson.field(root, "messageContext"))));
    }

    private static InboundContent content(Parts parts) {
        String type = CmJson.text(CmJson.field(parts.custom(), "message_type"));
        String kind = type == null ? kindFromParts(parts) : type.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "text" -> InboundContent.text(parts.text() == null ? "" : parts.text());
            case "image", "video", "audio", "document", "sticker" -> media(kind, parts);
            case "location" -> location(parts);
            case "contacts" -> contacts(parts);
            case "interactive" -> interactive(parts);
            case "button" -> templateButton(parts);
            default -> unsupported(kind);
        };
    }

    private static String kindFromParts(Parts parts) {
        if (CmJson.text(CmJson.field(parts.media(), "mediaUri")) != null) {
            return mediaKind(CmJson.text(CmJson.field(parts.media(), "contentType")));
        }
        if (CmJson.field(parts.custom(), "location").isObject()) {
            return "location";
        }
        if (CmJson.field(parts.custom(), "contacts").isArray()) {
            return "contacts";
        }
        if (CmJson.field(parts.custom(), "interactive").isObject()) {
            return "interactive";
        }
        if (CmJson.field(parts.custom(), "button").isObject()) {
            return "button";
        }
        return "text";
    }

    /** Stickers arrive as {@code image/webp}; anything that is not picture, film or sound is a document. */
    private static String mediaKind(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/webp")) {
            return "sticker";
        }
        if (type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/")) {
            return type.substring(0, type.indexOf('/'));
        }
        return "document";
    }

    private static InboundContent media(String kind, Parts parts) {
        String uri = CmJson.text(CmJson.field(parts.media(), "mediaUri"));
        if (uri == null) {
            return unsupported(kind + " without a mediaUri");
        }
        String title = CmJson.text(CmJson.field(parts.media(), "title"));
        boolean document = kind.equals("document");
        String caption = document ? parts.text() : title != null ? title : parts.text();
        return InboundContent.media(kind, new InboundContent.Media(uri, null,
                CmJson.text(CmJson.field(parts.media(), "contentType")), caption, document ? title : null,
                null, null, null, null));
    }

    private static InboundContent location(Parts parts) {
        JsonNode location = CmJson.field(parts.custom(), "location");
        return InboundContent.location(new InboundContent.Location(CmJson.number(CmJson.field(location, "latitude")),
                CmJson.number(CmJson.field(location, "longitude")), CmJson.text(CmJson.field(location, "label")),
                CmJson.text(CmJson.field(location, "searchQuery")), null));
    }

    private static InboundContent contacts(Parts parts) {
        List<ContactCard> cards = CmJson.elements(CmJson.field(parts.custom(), "contacts")).stream()
                .filter(JsonNode::isObject).map(CmContactCards::read).toList();
        return cards.isEmpty() ? unsupported("contacts without a card") : InboundContent.contacts(cards);
    }

    /** An interactive button or list choice: {@code reply}, with the id the business set and the title shown. */
    private static InboundContent interactive(Parts parts) {
        JsonNode interactive = CmJson.field(parts.custom(), "interactive");
        String type = CmJson.text(CmJson.field(interactive, "type"));
        JsonNode chosen = CmJson.field(interactive, "button_reply");
        if (!chosen.isObject() || "list_reply".equals(type)) {
            chosen = CmJson.field(interactive, "list_reply");
        }
        String id = CmJson.text(CmJson.field(chosen, "id"));
        if (id == null && CmJson.field(parts.custom(), "button").isObject()) {
            return templateButton(parts);
        }
        if (id == null) {
            return unsupported("interactive " + (type == null ? "reply" : type));
        }
        String title = CmJson.text(CmJson.field(chosen, "title"));
        return InboundContent.reply("reply", new InboundContent.Reply(id, title != null ? title : parts.text(),
                CmJson.text(CmJson.field(chosen, "description"))));
    }

    /**
     * A template quick-reply tap: {@code button}. CM's exact shape is not documented (notes section 4.2); this reads
     * the Cloud API one CM mirrors elsewhere, {@code custom.button{payload, text}}, with the text the user saw as
     * fallback title.
     */
    private static InboundContent templateButton(Parts parts) {
        JsonNode button = CmJson.field(parts.custom(), "button");
        String payload = CmJson.text(CmJson.field(button, "payload"));
        String title = CmJson.text(CmJson.field(button, "text"));
        if (payload == null) {
            return unsupported("button without a payload");
        }
        return InboundContent.reply("button", new InboundContent.Reply(payload, title != null ? title : parts.text(),
                null));
    }

    private static InboundContent unsupported(String what) {
        log.info("CM inbound message of kind '{}' is not supported; passed on as unsupported", what);
        return InboundContent.unsupported(new MessageError(ErrorCategory.UNSUPPORTED_CONTENT, what,
                "Message type not supported by the CM connector", null, false));
    }

    private static Instant occurredAt(JsonNode root, JsonNode custom) {
        Instant at = CmTimes.parse(CmJson.text(CmJson.field(root, "timeUtc")));
        return at != null ? at : CmTimes.parse(CmJson.text(CmJson.field(custom, "meta_received_time")));
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
