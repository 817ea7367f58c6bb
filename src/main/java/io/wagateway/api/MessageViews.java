package io.wagateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.Pricing;
import io.wagateway.model.Recipient;
import io.wagateway.store.ContentCodec;
import io.wagateway.store.HistoryEntry;
import io.wagateway.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The JSON shapes of contract sections 2 (202 response) and 3 (a message read back). */
@Component
public class MessageViews {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String id, MessageStatus status, String from, Object to, String connector,
                           String clientReference, Instant acceptedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Full(String id, MessageStatus status, @JsonProperty("final") boolean isFinal, String from, Object to,
                       String connector, String clientReference, ObjectNode content, Map<String, String> context,
                       String identityHash, Instant acceptedAt, Instant validUntil, String providerMessageId,
                       @JsonInclude(JsonInclude.Include.ALWAYS) MessageError error, Pricing pricing,
                       List<HistoryEntry> history) {}

    private final ContentCodec contentCodec;

    public MessageViews(ContentCodec contentCodec) {
        this.contentCodec = contentCodec;
    }

    public Accepted accepted(StoredMessage m) {
        return new Accepted(m.id(), MessageStatus.ACCEPTED, m.senderId(), to(m.to()), m.connectorId(),
                m.clientReference(), m.acceptedAt());
    }

    public Full full(StoredMessage m, List<HistoryEntry> history) {
        return new Full(m.id(), m.status(), m.status().isFinal(), m.senderId(), to(m.to()), m.connectorId(),
                m.clientReference(), contentCodec.toTree(m.content()),
                m.replyTo() == null ? null : Map.of("replyTo", m.replyTo()), m.identityHash(), m.acceptedAt(),
                m.validUntil(), m.providerMessageId(), m.error(), m.pricing(), history);
    }

    /** {@code to} as the app sent it: the E.164 string, or {@code {"userId": ...}}. */
    static Object to(Recipient to) {
        return to.phone() != null ? to.phone() : Map.of("userId", to.userId());
    }
}
