package io.wagateway.pipeline;

import io.wagateway.config.GatewayProperties;
import io.wagateway.connector.SendOutcome;
import io.wagateway.event.GatewayEvent;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.OutboundMessage;
import io.wagateway.store.ContactStore;
import io.wagateway.store.MessageStore;
import io.wagateway.store.StoredMessage;
import io.wagateway.support.Redact;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one message id off the outbound queue and hands the message to the connector its sender uses now.
 * The ledger's status is the sent marker: only a message still ACCEPTED is ever given to a provider, so a JMS
 * redelivery after a crash does not send again what a provider already took.
 */
@Component("dispatcher")
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Thrown to hand a message back to the broker, which redelivers it after its backoff. */
    public static class RetryLater extends RuntimeException {
        public RetryLater(String message) {
            super(message, null, false, false);
        }
    }

    private final MessageStore store;
    private final ContactStore contacts;
    private final ConnectorRegistry registry;
    private final TransactionTemplate transaction;
    private final int maxAttempts;

    public Dispatcher(MessageStore store, ContactStore contacts, ConnectorRegistry registry,
                      TransactionTemplate transaction, GatewayProperties properties) {
        this.store = store;
        this.contacts = contacts;
        this.registry = registry;
        this.transaction = transaction;
        this.maxAttempts = properties.dispatch().maxAttempts();
    }

    public List<GatewayEvent> dispatch(Exchange exchange) {
        String id = exchange.getIn().getBody(String.class);
        boolean redelivered = Boolean.TRUE.equals(exchange.getIn().getHeader("JMSRedelivered", Boolean.class));
        int attempt = exchange.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class);
        StoredMessage message = store.find(id).orElse(null);
        if (message == null) {
            log.warn("queued message {} is not in the ledger; dropped", id);
            return List.of();
        }
        if (message.status() != MessageStatus.ACCEPTED) {
            // Already handed over (or finished). A redelivery may mean the event was lost with a crash: repeat it.
            return redelivered ? List.of(StatusEvents.current(message, Instant.now())) : List.of();
        }
        Instant now = Instant.now();
        if (message.validUntil() != null && now.isAfter(message.validUntil())) {
            return finish(message, MessageStatus.EXPIRED, new MessageError(ErrorCategory.EXPIRED, null,
                    "Validity expired", "validitySeconds passed before the message could be sent", false), "gateway");
        }
        ConnectorRegistry.Route route = registry.route(message.senderId()).orElse(null);
        if (route == null) {
            return finish(message, MessageStatus.FAILED, new MessageError(ErrorCategory.INVALID_REQUEST, null,
                    "Sender not configured", "sender " + message.senderId() + " has no connector", false), "gateway");
        }
        if (!route.connector().capabilities().supports(message.content().contentType())) {
            return finish(message, MessageStatus.FAILED, new MessageError(ErrorCategory.UNSUPPORTED_CONTENT, null,
                    "Content type not supported", "connector " + route.instance().id() + " cannot send "
                    + message.content().contentType().wireName(), false), "gateway");
        }
        SendOutcome outcome = route.connector().send(pinIdentity(message, route), route.instance(), route.sender());
        String source = route.instance().id();
        if (outcome instanceof SendOutcome.Submitted submitted) {
            return submitted(message, submitted, source, now);
        }
        SendOutcome.Failed failed = (SendOutcome.Failed) outcome;
        if (failed.retryable() && attempt < maxAttempts) {
            log.info("message {} to {}: {} (attempt {} of {}), will retry", id, Redact.phone(message.to().key()),
                    failed.error().category(), attempt, maxAttempts);
            throw new RetryLater(failed.error().category() + " " + failed.error().code());
        }
        return finish(message, MessageStatus.FAILED, failed.error(), source);
    }

    /**
     * With {@code identity-check} on, a send carries the contact's last known identity hash, so WhatsApp refuses
     * delivery to a changed identity; a hash given in the request wins.
     */
    private OutboundMessage pinIdentity(StoredMessage message, ConnectorRegistry.Route route) {
        OutboundMessage outbound = message.toOutbound();
        if (outbound.identityHash() != null || !route.sender().identityCheck()) {
            return outbound;
        }
        return contacts.findRecipient(message.senderId(), message.to()).map(ContactStore.Contact::identityHash)
                .map(outbound::withIdentityHash).orElse(outbound);
    }

    private List<GatewayEvent> submitted(StoredMessage message, SendOutcome.Submitted submitted, String source,
                                         Instant now) {
        boolean moved = Boolean.TRUE.equals(transaction.execute(tx -> {
            store.markSubmitted(message.id(), source, submitted.providerMessageId(), now);
            store.addHistory(message.id(), MessageStatus.SUBMITTED, submitted.providerStatus(), now, source, null);
            return store.advance(message.id(), MessageStatus.SUBMITTED, null, now);
        }));
        // A receipt may already have moved the message further; then SUBMITTED is history only.
        return moved ? List.of(StatusEvents.of(store.find(message.id()).orElseThrow(), MessageStatus.SUBMITTED, now,
                new StatusEvents.ContactFacts(submitted.recipientWaId(), null, null))) : List.of();
    }

    private List<GatewayEvent> finish(StoredMessage message, MessageStatus status, MessageError error, String source) {
        Instant now = Instant.now();
        boolean moved = Boolean.TRUE.equals(transaction.execute(tx -> {
            store.addHistory(message.id(), status, null, now, source, error);
            return store.advance(message.id(), status, error, now);
        }));
        log.info("message {} {}: {}", message.id(), status, error.category());
        return moved ? List.of(StatusEvents.of(store.find(message.id()).orElseThrow(), status, now,
                StatusEvents.ContactFacts.NONE)) : List.of();
    }
}
