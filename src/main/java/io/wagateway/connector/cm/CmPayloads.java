package io.wagateway.connector.cm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.PhoneNumbers;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the body of {@code POST /v1.0/message}: one {@code msg} to one recipient, restricted to WhatsApp, carrying
 * our reference and the content as one conversation item. The product token travels in the
 * {@code X-CM-PRODUCTTOKEN} header, never in the body.
 */
final class CmPayloads {

    /** CM's absolute {@code validity} form, e.g. {@code 2017-04-20 11:50:05 GMT}. */
    private static final DateTimeFormatter VALIDITY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    private final CmRichContent richContent;

    CmPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
        this.richContent = new CmRichContent(mapper);
    }

    /**
     * The request body. {@code senderNumber} is the business number in E.164; {@code templateNamespace} may be null.
     *
     * @throws CmUnsupportedContentException for content CM cannot carry
     * @throws IllegalArgumentException when the message lacks a phone recipient, content or id
     */
    ObjectNode build(OutboundMessage message, String senderNumber, String templateNamespace) {
        if (message.to() == null || message.to().phone() == null || message.to().phone().isBlank()) {
            throw new IllegalArgumentException("CM addresses recipients by phone number only");
        }
        if (message.content() == null) {
            throw new IllegalArgumentException("message has no content");
        }
        ObjectNode msg = mapper.createObjectNode();
        msg.put("from", PhoneNumbers.toZeroZero(senderNumber.strip()));
        msg.putArray("to").addObject().put("number", PhoneNumbers.toZeroZero(message.to().phone()));
        msg.putObject("body").put("type", "auto").put("content", CmFallbackText.of(message.content()));
        // echoed in every status report: the only way back from CM to our message
        msg.put("reference", CmReference.of(message.id()));
        msg.putArray("allowedChannels").add("WhatsApp");
        if (message.validUntil() != null) {
            // past it CM fails the message with a status report instead of delivering it late
            msg.put("validity", VALIDITY.format(message.validUntil()));
        }
        ObjectNode item = richContent.item(message.content(), templateNamespace);
        if (message.replyTo() != null && !message.replyTo().isBlank()) {
            item.putObject("context").put("message_id", message.replyTo());
        }
        msg.putObject("richContent").putArray("conversation").add(item);

        ObjectNode root = mapper.createObjectNode();
        root.putObject("messages").putArray("msg").add(msg);
        return root;
    }

    String json(OutboundMessage message, String senderNumber, String templateNamespace) {
        try {
            return mapper.writeValueAsString(build(message, senderNumber, templateNamespace));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code MarkAsRead} event of {@code POST /v1.0/event} (providers/cm-api.md section 4.6). */
    String markAsRead(String messageId, String businessNumber, String userDigits) {
        ObjectNode root = mapper.createObjectNode().put("channel", "WhatsApp");
        root.putObject("event").put("type", "MarkAsRead").putObject("custom").put("message_id", messageId);
        root.putObject("from").put("number", PhoneNumbers.toZeroZero(businessNumber.strip()));
        root.putObject("to").put("number", "00" + userDigits);
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
