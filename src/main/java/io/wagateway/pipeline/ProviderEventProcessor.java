package io.wagateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.store.GroupCommit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Hands the facts of queued webhooks ({@link ReceiptConsumers}) to their handlers. Handlers dedupe durably, change
 * state, and return the events to publish, which commit together with the consumed JMS messages.
 */
@Component("providerEvents")
public class ProviderEventProcessor {

    /** How a batch came off the queue: a redelivery may follow a crash that lost the events of the first try. */
    public record Delivery(String connectorId, boolean redelivered, int attempt) {}

    private final ObjectMapper mapper;
    private final Receipts receipts;
    private final Inbounds inbounds;
    private final Identities identities;
    private final Notices notices;
    private final GroupCommit groupCommit;

    public ProviderEventProcessor(ObjectMapper mapper, Receipts receipts, Inbounds inbounds, Identities identities,
                                  Notices notices, GroupCommit groupCommit) {
        this.mapper = mapper;
        this.receipts = receipts;
        this.inbounds = inbounds;
        this.identities = identities;
        this.notices = notices;
        this.groupCommit = groupCommit;
    }

    /**
     * One webhook's facts as they came off the receipts queue: the JMS redelivery flag, how many tries this is
     * (JMSXDeliveryCount, plus the tries before its receipts were queued again to wait) and its message group.
     */
    public record Queued(String body, boolean redelivered, int attempt, String group) {}

    /** The events to publish, and what must go back on the queue to wait for its message (see {@link #split}). */
    public record Applied(List<GatewayEvent> events, List<Queued> waiting) {}

    /** A webhook's facts: those to apply now, and those that must wait. */
    record Split(List<ProviderEvent> now, List<ProviderEvent> later) {}

    /**
     * Applies queued webhooks in their order as one unit of work. A receipt consumer hands over what it took in one
     * broker transaction (several webhooks of its message groups). Receipts whose message is not known yet are not
     * applied but returned, to be queued again in the same transaction; the rest of the webhooks is not held up.
     */
    public Applied process(List<Queued> queued) throws JsonProcessingException {
        List<WebhookBatch> batches = new ArrayList<>(queued.size());
        List<Delivery> deliveries = new ArrayList<>(queued.size());
        List<Queued> waiting = new ArrayList<>();
        // Reads first, on this thread: the shared writer only writes. One correlation for all of them, so a later
        // webhook's receipt of a message sees what an earlier one changed.
        Receipts.Correlation messages = Receipts.Correlation.empty();
        Set<String> waitingMessages = new HashSet<>();
        for (Queued one : queued) {
            WebhookBatch batch = mapper.readValue(one.body(), WebhookBatch.class);
            Delivery delivery = new Delivery(batch.connectorId(), one.redelivered(), one.attempt());
            Split split = split(batch.events(), waitingMessages,
                    receipt -> receipts.correlate(receipt, delivery, messages));
            batches.add(new WebhookBatch(batch.connectorId(), batch.receivedAt(), split.now()));
            deliveries.add(delivery);
            if (!split.later().isEmpty()) {
                waiting.add(new Queued(mapper.writeValueAsString(
                        new WebhookBatch(batch.connectorId(), batch.receivedAt(), split.later())),
                        false, one.attempt(), one.group()));
            }
        }
        if (batches.stream().allMatch(batch -> batch.events().isEmpty())) {
            return new Applied(List.of(), waiting);
        }
        // One unit of work (Meta posts up to 1,000 updates in one webhook), committed together with other
        // consumers' units: the handlers' own transactions join it, and a failure leaves none of it behind.
        List<GatewayEvent> events = groupCommit.run(() -> {
            List<GatewayEvent> changes = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                for (ProviderEvent event : batches.get(i).events()) {
                    changes.addAll(handle(event, deliveries.get(i), messages));
                }
            }
            return changes;
        });
        return new Applied(events, waiting);
    }

    /**
     * Which of a webhook's facts wait: a receipt that is not {@code ready} (its message is not known yet), and every
     * later receipt of a message in {@code waitingMessages}, so none overtakes one that waits. Adds the messages of
     * the receipts that wait to {@code waitingMessages}.
     */
    static Split split(List<ProviderEvent> facts, Set<String> waitingMessages,
                       Predicate<ProviderEvent.Receipt> ready) {
        List<ProviderEvent> now = new ArrayList<>(facts.size());
        List<ProviderEvent> later = new ArrayList<>();
        for (ProviderEvent fact : facts) {
            if (fact instanceof ProviderEvent.Receipt receipt
                    && (waitingMessages.contains(receipt.messageKey()) || !ready.test(receipt))) {
                waitingMessages.add(receipt.messageKey());
                later.add(fact);
            } else {
                now.add(fact);
            }
        }
        return new Split(now, later);
    }

    private List<GatewayEvent> handle(ProviderEvent event, Delivery delivery, Receipts.Correlation messages) {
        if (event instanceof ProviderEvent.Receipt receipt) {
            return receipts.apply(receipt, messages, delivery);
        }
        if (event instanceof ProviderEvent.Inbound inbound) {
            return inbounds.apply(inbound, delivery);
        }
        if (event instanceof ProviderEvent.ContactChange change) {
            return identities.apply(change, delivery);
        }
        return notices.apply((ProviderEvent.Notice) event, delivery);
    }
}
