package io.wagateway.store;

import io.wagateway.model.Content;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Pricing;
import io.wagateway.model.Recipient;
import java.time.Instant;

/** A ledger row: the message as accepted plus where it stands now. */
public record StoredMessage(String id, String appId, String senderId, String connectorId, Recipient to,
                            String clientReference, Content content, String replyTo, String identityHash,
                            MessageStatus status, String providerMessageId, MessageError error, Pricing pricing,
                            Instant acceptedAt, Instant validUntil, Instant submittedAt) {

    public OutboundMessage toOutbound() {
        return new OutboundMessage(id, appId, senderId, to, clientReference, content, replyTo, identityHash,
                acceptedAt, validUntil);
    }

    /** As after a provider took it under {@code providerMessageId}. */
    public StoredMessage submittedAs(String connector, String providerMessage, Instant at) {
        return new StoredMessage(id, appId, senderId, connector, to, clientReference, content, replyTo, identityHash,
                status, providerMessage, error, pricing, acceptedAt, validUntil, at);
    }

    public StoredMessage pricedAt(Pricing newPricing) {
        return new StoredMessage(id, appId, senderId, connectorId, to, clientReference, content, replyTo,
                identityHash, status, providerMessageId, error, newPricing, acceptedAt, validUntil, submittedAt);
    }

    /** As after {@link MessageStore#advance}: the new status, and the error if one came with it. */
    public StoredMessage movedTo(MessageStatus next, MessageError newError) {
        return new StoredMessage(id, appId, senderId, connectorId, to, clientReference, content, replyTo,
                identityHash, next, providerMessageId, newError != null ? newError : error, pricing, acceptedAt,
                validUntil, submittedAt);
    }

    public static StoredMessage accepted(OutboundMessage m, String connectorId) {
        return new StoredMessage(m.id(), m.appId(), m.senderId(), connectorId, m.to(), m.clientReference(),
                m.content(), m.replyTo(), m.identityHash(), MessageStatus.ACCEPTED, null, null, null,
                m.acceptedAt(), m.validUntil(), null);
    }
}
