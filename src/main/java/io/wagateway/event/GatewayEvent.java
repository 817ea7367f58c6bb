package io.wagateway.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.Pricing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The event envelope of contract section 5 (fixed). One per change and per app it concerns; {@code id} is derived
 * from what the event is about, so it stays the same when the event is published again after a redelivery.
 * Only the block that fits {@code type} is set: {@code message}, {@code inbound}, {@code identity} or {@code notice}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayEvent(String id, String type, Instant occurredAt, Instant receivedAt, String app, String sender,
                           String connector, Contact contact, Message message, Inbound inbound, Identity identity,
                           Notice notice) {

    public static final String MESSAGE_STATUS = "message.status";
    public static final String MESSAGE_INBOUND = "message.inbound";
    public static final String CONTACT_IDENTITY_CHANGED = "contact.identity_changed";

    /** A stable id: the same parts always give the same id, different parts practically never do. */
    public static String idOf(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String phone, String waId, String userId, String name, String identityHash) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String id, String clientReference, String providerMessageId, MessageStatus status,
                          @JsonProperty("final") boolean isFinal,
                          @JsonInclude(JsonInclude.Include.ALWAYS) MessageError error, Pricing pricing) {}

    /**
     * What a user sent. {@code replyTo} is our message id when the user answered one of ours (else the provider's
     * id of the quoted message); {@code replyToProviderMessageId} is always the provider's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inbound(String providerMessageId, @JsonUnwrapped InboundContent content, String replyTo,
                          String replyToProviderMessageId) {}

    /** A change of who a contact is: the values before and after, and why the gateway knows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identity(String reason, String previousHash, String hash, String previousWaId, String waId,
                           String previousUserId, String userId) {}

    /** Account-level news from a provider (template review, number quality, webhook-level errors). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notice(String code, String title, String detail, Map<String, String> data) {}
}
