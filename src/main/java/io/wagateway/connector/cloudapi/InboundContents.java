package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an inbound {@code messages[]} item carries, by its {@code type}, in canonical terms. A type the gateway does
 * not read becomes {@code unsupported} rather than vanishing, so an app still learns that the user wrote.
 */
final class InboundContents {

    /** Catalogue row for an inbound type WhatsApp delivered but the gateway does not read. */
    static final String UNSUPPORTED_INBOUND = "unsupported-inbound";
    static final String META_UNSUPPORTED = "131051";

    private final ObjectMapper mapper;
    private final ErrorCatalogue errors;

    InboundContents(ObjectMapper mapper, ErrorCatalogue errors) {
        this.mapper = mapper;
        this.errors = errors;
    }

    InboundContent read(JsonNode message) {
        String type = Json.text(message.get("type"));
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "text" -> InboundContent.text(Json.text(message.path("text").get("body")));
            case "image", "video", "audio", "document", "sticker" -> InboundContent.media(kind,
                    media(message.path(kind), null));
            // courier has seen voice notes as their own type; they are audio with the voice flag
            case "voice" -> InboundContent.media("audio", media(message.has("voice") ? message.path("voice")
                    : message.path("audio"), Boolean.TRUE));
            case "location" -> InboundContent.location(location(message.path("location")));
            case "contacts" -> InboundContent.contacts(ContactCards.read(message.get("contacts")));
            // a template quick-reply tap: the payload the business set, the text the user saw
            case "button" -> InboundContent.reply("button", new InboundContent.Reply(
                    Json.text(message.path("button").get("payload")), Json.text(message.path("button").get("text")),
                    null));
            case "interactive" -> interactive(message.path("interactive"));
            // an omitted (or empty) emoji means the user took the reaction back
            case "reaction" -> InboundContent.reaction(new InboundContent.Reaction(
                    Json.text(message.path("reaction").get("message_id")),
                    Json.text(message.path("reaction").get("emoji"))));
            case "order" -> InboundContent.order(order(message.path("order")));
            case "unsupported" -> InboundContent.unsupported(unsupported(message));
            default -> unread("message type '" + type + "'");
        };
    }

    /**
     * {@code id} is the handle {@code fetchMedia} takes. The newer {@code url} is not kept: it expires within minutes
     * and needs the same token, while the id stays valid for days.
     */
    private static InboundContent.Media media(JsonNode media, Boolean voice) {
        return new InboundContent.Media(Json.text(media.get("id")), null, Json.text(media.get("mime_type")),
                Json.text(media.get("caption")), Json.text(media.get("filename")), Json.text(media.get("sha256")),
                Json.integer(media.get("file_size")), voice != null ? voice : Json.bool(media.get("voice")),
                Json.bool(media.get("animated")));
    }

    private static InboundContent.Location location(JsonNode location) {
        return new InboundContent.Location(Json.decimal(location.get("latitude")),
                Json.decimal(location.get("longitude")), Json.text(location.get("name")),
                Json.text(location.get("address")), Json.text(location.get("url")));
    }

    private InboundContent interactive(JsonNode interactive) {
        String type = Json.text(interactive.get("type"));
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "button_reply", "list_reply" -> {
                JsonNode reply = interactive.path(kind);
                yield InboundContent.reply("reply", new InboundContent.Reply(Json.text(reply.get("id")),
                        Json.text(reply.get("title")), Json.text(reply.get("description"))));
            }
            case "nfm_reply" -> InboundContent.reply("reply", flowReply(interactive.path("nfm_reply")));
            default -> unread("interactive type '" + type + "'");
        };
    }

    /**
     * A completed WhatsApp Flow. {@code reply.id} is the {@code flow_token} the business set when sending the flow
     * (else the reply's {@code name}), {@code reply.title} the text the user saw ({@code body}), and
     * {@code reply.description} the raw {@code response_json} string with the answers, for the app to read.
     */
    private InboundContent.Reply flowReply(JsonNode reply) {
        String response = Json.text(reply.get("response_json"));
        String token = null;
        if (response != null) {
            try {
                token = Json.text(mapper.readTree(response).get("flow_token"));
            } catch (IOException e) {
                // not JSON after all: the raw text still reaches the app
            }
        }
        return new InboundContent.Reply(token != null ? token : Json.text(reply.get("name")),
                Json.text(reply.get("body")), response);
    }

    private static InboundContent.Order order(JsonNode order) {
        List<InboundContent.OrderItem> items = new ArrayList<>();
        for (JsonNode item : Json.array(order.get("product_items"))) {
            Long quantity = Json.integer(item.get("quantity"));
            items.add(new InboundContent.OrderItem(Json.text(item.get("product_retailer_id")),
                    quantity == null ? null : Math.toIntExact(Math.min(quantity, Integer.MAX_VALUE)),
                    Json.decimal(item.get("item_price")), Json.text(item.get("currency"))));
        }
        return new InboundContent.Order(Json.text(order.get("catalog_id")), Json.text(order.get("text")), items);
    }

    /** Meta's own {@code unsupported} type carries its reason in {@code errors[]} (131051 when it says nothing). */
    private MessageError unsupported(JsonNode message) {
        JsonNode error = message.path("errors").path(0);
        String code = Json.text(error.get("code"));
        String title = Json.text(error.get("title"));
        return errors.error(code != null ? code : META_UNSUPPORTED,
                title != null ? title : Json.text(error.get("message")),
                Json.text(error.path("error_data").get("details")));
    }

    private InboundContent unread(String what) {
        return InboundContent.unsupported(errors.error(UNSUPPORTED_INBOUND, null,
                "WhatsApp delivered a " + what + ", which the gateway does not read."));
    }
}
