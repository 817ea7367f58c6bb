package io.wagateway.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.Pricing;
import java.time.Instant;

/** The event envelope of contract section 5 (fixed). One per change; {@code id} is stable across redeliveries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayEvent(String id, String type, Instant occurredAt, Instant receivedAt, String app, String sender,
                           String connector, Contact contact, Message message) {

    public static final String MESSAGE_STATUS = "message.status";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String phone, String waId, String userId, String name, String identityHash) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String id, String clientReference, String providerMessageId, MessageStatus status,
                          @JsonProperty("final") boolean isFinal,
                          @JsonInclude(JsonInclude.Include.ALWAYS) MessageError error, Pricing pricing) {}
}
