package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.Content;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.io.UncheckedIOException;

/**
 * Builds the body of {@code POST /{phone-number-id}/messages} in the Cloud API dialect. The envelope is common to
 * every content type; each type adds its own object, one case per type in {@link #content}.
 * A tree is built rather than records, so the wire shape does not depend on how the injected mapper is configured.
 */
public final class CloudApiPayloads {

    private final ObjectMapper mapper;

    public CloudApiPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The request body for {@code message}. {@code replyTo} must already be a provider message id (wamid).
     *
     * @throws UnsupportedContentException if the content type is not supported yet
     * @throws IllegalArgumentException if the message has no recipient or no content
     */
    public ObjectNode build(OutboundMessage message) {
        ObjectNode body = mapper.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        addRecipient(body, message.to());
        if (hasText(message.replyTo())) {
            body.putObject("context").put("message_id", message.replyTo());
        }
        if (hasText(message.id())) {
            // echoed back as statuses[].biz_opaque_callback_data, so receipts find our message without a lookup
            body.put("biz_opaque_callback_data", message.id());
        }
        if (hasText(message.identityHash())) {
            body.put("recipient_identity_key_hash", message.identityHash());
        }
        content(body, message.content());
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

    private static void addRecipient(ObjectNode body, Recipient to) {
        if (to != null && hasText(to.phone())) {
            body.put("to", to.phone());
        } else if (to != null && hasText(to.userId())) {
            body.put("recipient", to.userId());
        } else {
            throw new IllegalArgumentException("message has no recipient phone number or user id");
        }
    }

    private static void content(ObjectNode body, Content content) {
        if (content == null) {
            throw new IllegalArgumentException("message has no content");
        }
        switch (content.contentType()) {
            case TEXT -> text(body, (Content.Text) content);
            default -> throw new UnsupportedContentException(content.contentType());
        }
    }

    private static void text(ObjectNode body, Content.Text text) {
        body.put("type", "text");
        ObjectNode node = body.putObject("text");
        node.put("body", text.body());
        node.put("preview_url", Boolean.TRUE.equals(text.previewUrl()));
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
