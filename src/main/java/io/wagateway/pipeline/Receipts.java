package io.wagateway.pipeline;

import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.model.Pricing;
import io.wagateway.store.MessageStore;
import io.wagateway.store.SqlDialect;
import io.wagateway.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

    /** A receipt that came before the send response was recorded gets this many tries to find its message. */
    static final int ORPHAN_ATTEMPTS = 5;

    private final MessageStore store;
    private final Identities identities;
    private final TransactionTemplate transaction;

    public Receipts(MessageStore store, Identities identities, TransactionTemplate transaction) {
        this.store = store;
        this.identities = identities;
        this.transaction = transaction;
    }

    /**
     * Finds the ledger message of a receipt, into {@code found}. Runs before the write unit, so the shared writer does
     * only writes. False when the receipt must wait: its message is not known yet (the send response is still on the
     * way), which it may be up to {@link #ORPHAN_ATTEMPTS} times; after that it is dropped.
     */
    public boolean correlate(ProviderEvent.Receipt receipt, ProviderEventProcessor.Delivery delivery,
                             Correlation found) {
        Optional<StoredMessage> message = correlate(receipt);
        if (message.isPresent()) {
            found.idOf().put(receipt, message.get().id());
            found.latest().putIfAbsent(message.get().id(), message.get());
            return true;
        }
        if (delivery.attempt() < ORPHAN_ATTEMPTS) {
            return false;
        }
        log.warn("receipt {} from {} matches no message after {} tries; dropped", receipt.providerStatus(),
                delivery.connectorId(), delivery.attempt());
        return true;
    }

    /**
     * The messages a webhook's receipts belong to, and how each stands after the receipts applied so far (a webhook
     * may carry several receipts of one message; each event shows what the ones before it changed).
     */
    public record Correlation(Map<ProviderEvent.Receipt, String> idOf, Map<String, StoredMessage> latest) {
        public static Correlation empty() {
            return new Correlation(new IdentityHashMap<>(), new HashMap<>());
        }
    }

    /** Applies one receipt to its message as {@link #correlate} found it; a receipt that matched none is skipped. */
    public List<GatewayEvent> apply(ProviderEvent.Receipt receipt, Correlation correlation,
                                    ProviderEventProcessor.Delivery delivery) {
        String id = correlation.idOf().get(receipt);
        if (id == null) {
            return List.of();
        }
        StoredMessage message = correlation.latest().get(id);
        Instant now = SqlDialect.now();
        Instant occurredAt = receipt.occurredAt() != null ? receipt.occurredAt() : now;
        List<GatewayEvent> events = transaction.execute(tx -> {
            // the history row is also the dedupe record: a repeated receipt inserts nothing and changes nothing
            if (!store.addReceipt(message.id(), receipt.dedupeKey(), receipt.status(), receipt.providerStatus(),
                    occurredAt, delivery.connectorId(), receipt.error())) {
                return null;
            }
            StoredMessage updated = message;
            if (message.submittedAt() == null && receipt.providerMessageId() != null) {
                // The receipt beat the send response: it proves the provider took the message.
                store.markSubmittedIfUnknown(message.id(), delivery.connectorId(), receipt.providerMessageId(), now);
                updated = updated.submittedAs(delivery.connectorId(), receipt.providerMessageId(), now);
            }
            Pricing newPricing = receipt.pricing() != null && !receipt.pricing().equals(message.pricing())
                    ? receipt.pricing() : null;
            if (newPricing != null) {
                updated = updated.pricedAt(newPricing);
            }
            List<GatewayEvent> changes = new ArrayList<>();
            boolean moved = store.advance(message.id(), receipt.status(), receipt.error(), newPricing, now);
            if (!moved && newPricing != null) {
                store.setPricing(message.id(), newPricing);   // a late receipt's pricing still counts
            }
            if (moved) {
                if (receipt.status().isFailure()) {
                    log.info("message {} {} on {}: {} {}", message.id(), receipt.status(), delivery.connectorId(),
                            receipt.error() == null ? null : receipt.error().category(),
                            receipt.error() == null ? null : receipt.error().code());
                }
                updated = updated.movedTo(receipt.status(), receipt.error());
                changes.add(StatusEvents.of(updated, receipt.status(), occurredAt, new StatusEvents.ContactFacts(
                        receipt.recipientWaId(), receipt.recipientUserId(), receipt.identityHash())));
            }
            correlation.latest().put(id, updated);
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
