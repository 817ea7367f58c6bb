package io.wagateway.pipeline;

import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.store.DedupeStore;
import io.wagateway.store.MessageStore;
import io.wagateway.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery receipts: correlate to a ledger message, keep every receipt in history, move the status forward only,
 * and learn the recipient's identity hash.
 */
@Component
public class Receipts {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    /** A receipt that came before the send response was recorded gets this many deliveries to find its message. */
    static final int ORPHAN_ATTEMPTS = 5;

    private final MessageStore store;
    private final DedupeStore dedupe;
    private final Identities identities;
    private final TransactionTemplate transaction;

    public Receipts(MessageStore store, DedupeStore dedupe, Identities identities, TransactionTemplate transaction) {
        this.store = store;
        this.dedupe = dedupe;
        this.identities = identities;
        this.transaction = transaction;
    }

    public List<GatewayEvent> apply(ProviderEvent.Receipt receipt, ProviderEventProcessor.Delivery delivery) {
        Optional<StoredMessage> found = correlate(receipt);
        if (found.isEmpty()) {
            if (delivery.attempt() < ORPHAN_ATTEMPTS) {
                throw new Dispatcher.RetryLater("receipt for a message not known (yet)");
            }
            log.warn("receipt {} from {} matches no message; dropped", receipt.providerStatus(),
                    delivery.connectorId());
            return List.of();
        }
        StoredMessage message = found.get();
        Instant now = Instant.now();
        Instant occurredAt = receipt.occurredAt() != null ? receipt.occurredAt() : now;
        List<GatewayEvent> events = transaction.execute(tx -> {
            if (!dedupe.firstTime(delivery.connectorId(), receipt.dedupeKey(), now)) {
                return null;
            }
            if (message.submittedAt() == null && receipt.providerMessageId() != null) {
                // The receipt beat the send response: it proves the provider took the message.
                store.markSubmitted(message.id(), delivery.connectorId(), receipt.providerMessageId(), now);
            }
            store.addHistory(message.id(), receipt.status(), receipt.providerStatus(), occurredAt,
                    delivery.connectorId(), receipt.error());
            if (receipt.pricing() != null) {
                store.setPricing(message.id(), receipt.pricing());
            }
            List<GatewayEvent> changes = new ArrayList<>();
            if (store.advance(message.id(), receipt.status(), receipt.error(), now)) {
                if (receipt.status().isFailure()) {
                    log.info("message {} {} on {}: {} {}", message.id(), receipt.status(), delivery.connectorId(),
                            receipt.error() == null ? null : receipt.error().category(),
                            receipt.error() == null ? null : receipt.error().code());
                }
                changes.add(StatusEvents.of(store.find(message.id()).orElseThrow(), receipt.status(), occurredAt,
                        new StatusEvents.ContactFacts(receipt.recipientWaId(), receipt.recipientUserId(),
                                receipt.identityHash())));
            }
            if (receipt.identityHash() != null || receipt.recipientUserId() != null) {
                // only these teach the identity store something a send did not already know
                ContactRef recipient = new ContactRef(message.to().phone(), receipt.recipientWaId(),
                        receipt.recipientUserId() != null ? receipt.recipientUserId() : message.to().userId(), null,
                        receipt.identityHash());
                changes.addAll(identities.observe(message.senderId(), delivery.connectorId(), recipient, occurredAt));
            }
            return changes;
        });
        if (events == null) {
            // A repeat. Only a broker redelivery (we may have crashed before publishing) repeats the event.
            return delivery.redelivered()
                    ? List.of(StatusEvents.current(store.find(message.id()).orElseThrow(), now)) : List.of();
        }
        return events;
    }

    private Optional<StoredMessage> correlate(ProviderEvent.Receipt receipt) {
        if (receipt.gatewayMessageId() != null) {
            Optional<StoredMessage> byOurId = store.find(receipt.gatewayMessageId());
            if (byOurId.isPresent()) {
                return byOurId;
            }
        }
        return receipt.providerMessageId() == null ? Optional.empty()
                : store.findByProviderMessageId(receipt.providerMessageId());
    }
}
