package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Builds the body of {@code POST /{phone-number-id}/messages} in the Cloud API dialect. The envelope is common to
 * every content type; each type adds the object named after its Cloud API type, one case per type in
 * {@link #content}. Templates, interactive messages and contact cards have their own small builders.
 * A tree is built rather than records, so the wire shape does not depend on how the injected mapper is configured.
 */
public final class CloudApiPayloads {

    private final ObjectMapper mapper;

    public CloudApiPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The request body for {@code message}. {@code replyTo} (and a reaction's {@code messageId}) must already be a
     * provider message id (wamid).
     *
     * @throws UnsupportedContentException if the content cannot be carried by the Cloud API
     * @throws IllegalArgumentException if the message lacks a recipient, content or a required part of it
     */
    public ObjectNode build(OutboundMessage message) {
        Content content = message.content();
        if (content == null) {
            throw new IllegalArgumentException("message has no content");
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        addRecipient(body, message.to());
        // Meta refuses a reaction sent as a contextual reply
        if (Nodes.hasText(message.replyTo()) && content.contentType() != ContentType.REACTION) {
            body.putObject("context").put("message_id", message.replyTo());
        }
        if (Nodes.hasText(message.id())) {
            // echoed back as statuses[].biz_opaque_callback_data, so receipts find our message without a lookup
            body.put("biz_opaque_callback_data", message.id());
        }
        if (Nodes.hasText(message.identityHash())) {
            body.put("recipient_identity_key_hash", message.identityHash());
        }
        content(body, content);
        return body;
    }

    /** {@link #build} serialised to JSON. */
    public String json(OutboundMessage message) {
        try {
            return mapper.writeValueAsString(build(message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body that marks an inbound message read (blue ticks) on the same messages endpoint. */
    public String markReadJson(String providerMessageId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("status", "read");
        body.put("message_id", providerMessageId);
        return body.toString();
    }

    /** A business-scoped user id goes in {@code recipient} instead of {@code to}. */
    private static void addRecipient(ObjectNode body, Recipient to) {
        if (to != null && Nodes.hasText(to.phone())) {
            body.put("to", to.phone());
        } else if (to != null && Nodes.hasText(to.userId())) {
            body.put("recipient", to.userId());
        } else {
            throw new IllegalArgumentException("message has no recipient phone number or user id");
        }
    }

    private static void content(ObjectNode body, Content content) {
        switch (content.contentType()) {
            case TEXT -> text(body, (Content.Text) content);
            case IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER -> media(body, (Content.Media) content);
            case LOCATION -> location(body, (Content.Location) content);
            case CONTACTS -> ContactCards.put(body, (Content.Contacts) content);
            case TEMPLATE -> TemplatePayload.put(body, (Content.Template) content);
            case BUTTONS -> InteractivePayload.buttons(body, (Content.Buttons) content);
            case LIST -> InteractivePayload.list(body, (Content.ListMessage) content);
            case REACTION -> reaction(body, (Content.Reaction) content);
            default -> throw new UnsupportedContentException(content.contentType());
        }
    }

    private static void text(ObjectNode body, Content.Text text) {
        body.put("type", "text");
        ObjectNode node = body.putObject("text");
        node.put("body", text.body());
        node.put("preview_url", Boolean.TRUE.equals(text.previewUrl()));
    }

    /** Audio and stickers take no caption, and only documents a file name. */
    private static void media(ObjectNode body, Content.Media media) {
        ContentType kind = media.kind();
        if (kind == null || !kind.isMedia()) {
            throw new IllegalArgumentException("media content without a media kind");
        }
        body.put("type", kind.wireName());
        ObjectNode node = Nodes.media(body.putObject(kind.wireName()), media.url(), media.mediaId());
        if (kind == ContentType.IMAGE || kind == ContentType.VIDEO || kind == ContentType.DOCUMENT) {
            Nodes.putText(node, "caption", media.caption());
        }
        if (kind == ContentType.DOCUMENT) {
            Nodes.putText(node, "filename", media.filename());
        }
    }

    /** Meta's documentation gives latitude and longitude as decimal-degree strings; we send them so. */
    private static void location(ObjectNode body, Content.Location location) {
        if (location.latitude() == null || location.longitude() == null) {
            throw new IllegalArgumentException("a location needs latitude and longitude");
        }
        body.put("type", "location");
        ObjectNode node = body.putObject("location");
        node.put("latitude", BigDecimal.valueOf(location.latitude()).toPlainString());
        node.put("longitude", BigDecimal.valueOf(location.longitude()).toPlainString());
        Nodes.putText(node, "name", location.name());
        Nodes.putText(node, "address", location.address());
    }

    /** An empty emoji removes an earlier reaction, so it is sent as given. */
    private static void reaction(ObjectNode body, Content.Reaction reaction) {
        if (!Nodes.hasText(reaction.messageId())) {
            throw new IllegalArgumentException("a reaction needs the id of the message it reacts to");
        }
        body.put("type", "reaction");
        body.putObject("reaction").put("message_id", reaction.messageId())
                .put("emoji", reaction.emoji() == null ? "" : reaction.emoji());
    }
}
