package io.wagateway.pipeline;

import io.wagateway.event.GatewayEvent;
import io.wagateway.model.MessageStatus;
import io.wagateway.store.StoredMessage;
import java.time.Instant;

/** Builds {@code message.status} events. */
public final class StatusEvents {

    private StatusEvents() {}

    /** Who the receipt was about, as far as the provider said. */
    public record ContactFacts(String waId, String userId, String identityHash) {
        static final ContactFacts NONE = new ContactFacts(null, null, null);
    }

    /**
     * The event for a message reaching {@code status}. Its id depends only on the message and the status, so
     * publishing it again after a crash gives receivers the same id to drop.
     */
    public static GatewayEvent of(StoredMessage m, MessageStatus status, Instant occurredAt, ContactFacts contact) {
        String id = GatewayEvent.idOf(GatewayEvent.MESSAGE_STATUS, m.id(), status.name());
        return new GatewayEvent(id, GatewayEvent.MESSAGE_STATUS, occurredAt, Instant.now(), m.appId(), m.senderId(),
                m.connectorId(),
                new GatewayEvent.Contact(m.to().phone(), contact.waId(),
                        contact.userId() != null ? contact.userId() : m.to().userId(), null, contact.identityHash()),
                new GatewayEvent.Message(m.id(), m.clientReference(), m.providerMessageId(), status,
                        status.isFinal(), m.error(), m.pricing()), null, null, null);
    }

    /** The event for where the message stands now, re-published when a redelivery may have lost the first one. */
    public static GatewayEvent current(StoredMessage m, Instant occurredAt) {
        return of(m, m.status(), occurredAt, ContactFacts.NONE);
    }
}
