package io.wagateway.pipeline;

import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.store.ContactStore;
import io.wagateway.store.DedupeStore;
import io.wagateway.store.SqlDialect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity store's keeper: merges what webhooks say about contacts, and turns a changed identity key hash, a
 * changed number or a changed business-scoped user id into one {@code contact.identity_changed} event per app.
 */
@Component
public class Identities {

    private static final Logger log = LoggerFactory.getLogger(Identities.class);

    private final ContactStore contacts;
    private final DedupeStore dedupe;
    private final ConnectorRegistry registry;
    private final TransactionTemplate transaction;

    public Identities(ContactStore contacts, DedupeStore dedupe, ConnectorRegistry registry,
                      TransactionTemplate transaction) {
        this.contacts = contacts;
        this.dedupe = dedupe;
        this.registry = registry;
        this.transaction = transaction;
    }

    /** Merges a contact seen on a webhook; runs in the caller's transaction. A new hash is an identity change. */
    public List<GatewayEvent> observe(String senderId, String connectorId, ContactRef seen, Instant at) {
        Optional<ContactStore.Contact> before = contacts.upsert(senderId, seen, at);
        if (before.isEmpty() || before.get().identityHash() == null || seen.identityHash() == null
                || before.get().identityHash().equals(seen.identityHash())) {
            return List.of();
        }
        ContactStore.Contact was = before.get();
        return events(senderId, connectorId, merged(was, seen), at, new GatewayEvent.Identity("IDENTITY_CHANGED",
                was.identityHash(), seen.identityHash(), was.waId(), was.waId(), was.userId(), was.userId()));
    }

    /** A change the provider reported outright (a new number, a new identity, a new user id). */
    public List<GatewayEvent> apply(ProviderEvent.ContactChange change, ProviderEventProcessor.Delivery delivery) {
        Optional<String> sender = registry.senderFor(delivery.connectorId(), change.sender());
        if (sender.isEmpty()) {
            log.warn("contact change on {} for a number no sender has; dropped", delivery.connectorId());
            return List.of();
        }
        Instant now = SqlDialect.now();
        Instant at = change.occurredAt() != null ? change.occurredAt() : now;
        List<GatewayEvent> events = transaction.execute(tx -> {
            if (!dedupe.firstTime(delivery.connectorId(), change.dedupeKey(), now)) {
                return null;
            }
            ContactRef old = change.contact();
            ContactStore.Contact was = contacts.find(sender.get(), ContactStore.keyOf(old))
                    .orElse(new ContactStore.Contact(sender.get(), ContactStore.keyOf(old), old.phone(), old.waId(),
                            old.userId(), old.name(), old.identityHash()));
            ContactRef after = new ContactRef(
                    change.newWaId() != null ? "+" + change.newWaId() : was.phone(),
                    or(change.newWaId(), was.waId()),
                    or(change.newUserId(), was.userId()), was.name(),
                    or(change.newIdentityHash(), was.identityHash()));
            contacts.upsert(sender.get(), after, at);
            return events(sender.get(), delivery.connectorId(), after, at, new GatewayEvent.Identity(
                    change.kind().name(), was.identityHash(), after.identityHash(), was.waId(), after.waId(),
                    was.userId(), after.userId()));
        });
        return events == null ? List.of() : events;
    }

    private List<GatewayEvent> events(String senderId, String connectorId, ContactRef contact, Instant at,
                                      GatewayEvent.Identity identity) {
        Instant receivedAt = Instant.now();
        return registry.appsForSender(senderId).stream().map(app -> new GatewayEvent(
                GatewayEvent.idOf(GatewayEvent.CONTACT_IDENTITY_CHANGED, senderId, identity.reason(),
                        String.valueOf(identity.previousHash()), String.valueOf(identity.hash()),
                        String.valueOf(identity.previousWaId()), String.valueOf(identity.waId()),
                        String.valueOf(identity.userId()), app),
                GatewayEvent.CONTACT_IDENTITY_CHANGED, at, receivedAt, app, senderId, connectorId,
                new GatewayEvent.Contact(contact.phone(), contact.waId(), contact.userId(), contact.name(),
                        contact.identityHash()), null, null, identity, null)).toList();
    }

    private static ContactRef merged(ContactStore.Contact was, ContactRef seen) {
        return new ContactRef(or(seen.phone(), was.phone()),
                or(seen.waId(), was.waId()),
                or(seen.userId(), was.userId()),
                or(seen.name(), was.name()), seen.identityHash());
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
