package io.wagateway.pipeline;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wagateway.broker.BrokerSettings;
import io.wagateway.broker.BrokerUnavailableException;
import io.wagateway.broker.GroupSend;
import io.wagateway.config.GatewayProperties;
import io.wagateway.connector.SendOutcome;
import io.wagateway.event.GatewayEvent;
import io.wagateway.model.Content;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.OutboundMessage;
import io.wagateway.store.ContactStore;
import io.wagateway.store.GroupCommit;
import io.wagateway.store.MessageStore;
import io.wagateway.store.SqlDialect;
import io.wagateway.store.StoredMessage;
import io.wagateway.support.Redact;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes one message id off the outbound queue and hands the message to the connector its sender uses now.
 *
 * <p>The ledger's status is the sent marker: only a message still ACCEPTED is ever given to a provider, so a JMS
 * redelivery after a crash does not send again what a provider already took. That is also why the queued id can be
 * acknowledged on its own after the events are stored (routes/pipeline.yaml), instead of in one transaction with
 * them: a redelivery in between repeats the event, never the send. Before each call the sender's
 * throughput and the recipient's pair rate are paced ({@link Pacing}), and the connector's circuit
 * breaker is asked. A transient failure is retried with backoff: short waits in place (the recipient's later
 * messages wait too, so order holds), longer ones by rescheduling the id on the broker.
 */
@Component("dispatcher")
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    static final String ATTEMPT = "gwAttempt";
    static final String FIRST_ATTEMPT_AT = "gwFirstAttemptAt";
    /** How often a dispatch consumer asks again while the broker refuses new messages (a stall). */
    private static final long BROKER_STALL_POLL_MS = 500;
    /** Artemis' scheduled delivery time, in epoch milliseconds. */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    /** Thrown to hand a JMS message back to the broker, which redelivers it after its backoff. */
    public static class RetryLater extends RuntimeException {
        public RetryLater(String message) {
            super(message, null, false, false);
        }
    }

    private final MessageStore store;
    private final ContactStore contacts;
    private final ConnectorRegistry registry;
    private final Pacing pacing;
    private final Breakers breakers;
    private final GroupCommit groupCommit;
    private final GatewayProperties.Dispatch settings;
    private final RetryPolicy retryPolicy;
    private final Timer acceptedToCall;
    private final EventPublisher events;
    private final GroupSend groupSend;
    private final QueueWaits queueWaits;

    public Dispatcher(MessageStore store, ContactStore contacts, ConnectorRegistry registry, Pacing pacing,
                      Breakers breakers, GroupCommit groupCommit, GatewayProperties properties,
                      MeterRegistry meters, EventPublisher events, GroupSend groupSend, QueueWaits queueWaits) {
        this.store = store;
        this.contacts = contacts;
        this.registry = registry;
        this.pacing = pacing;
        this.breakers = breakers;
        this.groupCommit = groupCommit;
        this.events = events;
        this.groupSend = groupSend;
        this.queueWaits = queueWaits;
        this.settings = properties.dispatch();
        this.retryPolicy = new RetryPolicy(settings);
        this.acceptedToCall = Timer.builder("gateway.dispatch.accepted.to.call")
                .description("From the 202 to the first provider call").publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
    }

    /**
     * Handles one queued id; returns once the events it caused, or the id queued again for later, are stored on
     * the broker. The consumer acknowledges the queued id only after that.
     */
    public void dispatch(Exchange exchange) {
        List<GatewayEvent> caused = handle(exchange);
        whileBrokerStalls(() -> events.publish(caused));
    }

    /**
     * Runs {@code store} (a {@link GroupSend}), waiting in place while the broker is stalled, as a transacted send
     * would block: the id stays unacknowledged instead of going back through redeliveries to the dead-letter queue
     * with its event untold. Anything else fails the delivery as usual.
     */
    private static void whileBrokerStalls(Runnable store) {
        while (true) {
            try {
                store.run();
                return;
            } catch (BrokerUnavailableException stalled) {
                sleep(BROKER_STALL_POLL_MS);
            }
        }
    }

    /** Returns the events to publish; none when the message was queued again for later. */
    private List<GatewayEvent> handle(Exchange exchange) {
        String id = exchange.getIn().getBody(String.class);
        boolean redelivered = Boolean.TRUE.equals(exchange.getIn().getHeader("JMSRedelivered", Boolean.class));
        int attempt = exchange.getIn().getHeader(ATTEMPT, 1, Integer.class);
        long firstAttemptAt = exchange.getIn().getHeader(FIRST_ATTEMPT_AT, System.currentTimeMillis(), Long.class);
        StoredMessage message = store.find(id).orElse(null);
        if (message == null) {
            log.warn("queued message {} is not in the ledger; dropped", id);
            return List.of();
        }
        if (message.status() != MessageStatus.ACCEPTED) {
            // Already handed over (or finished). A redelivery may mean the event was lost with a crash: repeat it.
            return redelivered ? List.of(StatusEvents.current(message, Instant.now())) : List.of();
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
        OutboundMessage outbound = providerReferences(pinIdentity(message, route));
        String source = route.instance().id();
        CircuitBreaker breaker = breakers.forConnector(source);
        while (true) {
            if (message.validUntil() != null && Instant.now().isAfter(message.validUntil())) {
                return finish(message, MessageStatus.EXPIRED, new MessageError(ErrorCategory.EXPIRED, null,
                        "Validity expired", "validitySeconds passed before the message could be sent", false),
                        "gateway");
            }
            long wait = pacing.waitMillis(message.senderId(), route.sender().throughput(), message.to().key());
            if (wait > 0) {
                if (wait > settings.inlineWaitMax().toMillis()) {
                    return reschedule(exchange, message, wait, attempt, firstAttemptAt);
                }
                sleep(wait);
                continue;
            }
            if (!breaker.tryAcquirePermission()) {
                queueWaits.heldBack(message.senderId()); // the queue limit must see a queue that does not move
                return reschedule(exchange, message, settings.breaker().openFor().toMillis(), attempt, firstAttemptAt);
            }
            if (attempt == 1) {
                Duration waited = Duration.between(message.acceptedAt(), Instant.now());
                acceptedToCall.record(waited);
                queueWaits.dispatched(message.senderId(), waited);
            }
            long start = System.nanoTime();
            SendOutcome outcome = route.connector().send(outbound, route.instance(), route.sender());
            Breakers.record(breaker, outcome, start);
            if (!(outcome instanceof SendOutcome.Failed failure && failure.retryable())) {
                queueWaits.answered(message.senderId());
            }
            if (outcome instanceof SendOutcome.Submitted submitted) {
                return submitted(message, submitted, source, SqlDialect.now());
            }
            SendOutcome.Failed failed = (SendOutcome.Failed) outcome;
            if (!failed.retryable()) {
                return finish(message, MessageStatus.FAILED, failed.error(), source);
            }
            Duration delay = retryPolicy.delay(attempt, failed.retryAfter());
            if (System.currentTimeMillis() + delay.toMillis() > firstAttemptAt + settings.retryWindow().toMillis()) {
                log.info("message {} gave up after {} attempts: {}", id, attempt, failed.error().category());
                return finish(message, MessageStatus.FAILED, failed.error(), source);
            }
            log.info("message {} to {}: {} {} on attempt {}, next in {} ms", id, Redact.phone(message.to().key()),
                    failed.error().category(), failed.error().code(), attempt, delay.toMillis());
            attempt++;
            if (delay.compareTo(settings.inlineWaitMax()) > 0) {
                return reschedule(exchange, message, delay.toMillis(), attempt, firstAttemptAt);
            }
            sleep(delay.toMillis());
        }
    }


    /** Puts the id back on the queue, delivered by the broker after {@code delayMillis}; nothing has changed. */
    private List<GatewayEvent> reschedule(Exchange exchange, StoredMessage message, long delayMillis, int attempt,
                                          long firstAttemptAt) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SCHEDULED_DELIVERY, System.currentTimeMillis() + delayMillis);
        properties.put(ATTEMPT, attempt);
        properties.put(FIRST_ATTEMPT_AT, firstAttemptAt);
        properties.put("JMSXGroupID", orderingGroup(message));
        int priority = exchange.getIn().getHeader("JMSPriority", GroupSend.Outgoing.DEFAULT_PRIORITY, Integer.class);
        GroupSend.Outgoing later = new GroupSend.Outgoing(BrokerSettings.OUTBOUND_QUEUE, false, message.id(), priority,
                properties);
        whileBrokerStalls(() -> groupSend.send(List.of(later)));
        return List.of();
    }

    /** The outbound queue's message group: one sender's messages to one recipient go out in order. */
    public static String orderingGroup(StoredMessage message) {
        return message.senderId() + "|" + message.to().key();
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

    /**
     * Apps may quote or react to a message by our id or by the provider's (contract section 2); providers know only
     * theirs, so our ids are swapped for the provider ids the ledger recorded.
     */
    private OutboundMessage providerReferences(OutboundMessage outbound) {
        Content content = outbound.content();
        if (content instanceof Content.Reaction reaction) {
            content = new Content.Reaction(providerId(reaction.messageId()), reaction.emoji());
        }
        return outbound.withReferences(providerId(outbound.replyTo()), content);
    }

    private String providerId(String id) {
        if (id == null) {
            return null;
        }
        return store.find(id).map(StoredMessage::providerMessageId).orElse(id);
    }

    private List<GatewayEvent> submitted(StoredMessage message, SendOutcome.Submitted submitted, String source,
                                         Instant now) {
        boolean moved = Boolean.TRUE.equals(groupCommit.run(() -> {
            store.addHistory(message.id(), MessageStatus.SUBMITTED, submitted.providerStatus(), now, source, null);
            if (store.submitted(message.id(), source, submitted.providerMessageId(), now)) {
                return true;
            }
            store.markSubmitted(message.id(), source, submitted.providerMessageId(), now);
            return false;
        }));
        // A receipt may already have moved the message further; then SUBMITTED is history only.
        // It moved from ACCEPTED, so no receipt had changed it: the event is built from what this call knows.
        return moved ? List.of(StatusEvents.of(message.submittedAs(source, submitted.providerMessageId(), now)
                        .movedTo(MessageStatus.SUBMITTED, null), MessageStatus.SUBMITTED, now,
                new StatusEvents.ContactFacts(submitted.recipientWaId(), null, null))) : List.of();
    }

    private List<GatewayEvent> finish(StoredMessage message, MessageStatus status, MessageError error, String source) {
        Instant now = SqlDialect.now();
        boolean moved = Boolean.TRUE.equals(groupCommit.run(() -> {
            store.addHistory(message.id(), status, null, now, source, error);
            return store.advance(message.id(), status, error, now);
        }));
        log.info("message {} {}: {}", message.id(), status, error.category());
        return moved ? List.of(StatusEvents.of(store.find(message.id()).orElseThrow(), status, now,
                StatusEvents.ContactFacts.NONE)) : List.of();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("interrupted while waiting to send");
        }
    }
}
