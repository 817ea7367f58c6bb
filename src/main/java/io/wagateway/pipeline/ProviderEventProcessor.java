package io.wagateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.store.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Hands the facts of queued webhooks ({@link ReceiptConsumers}) to their handlers. Handlers dedupe durably, change
 * state, and return the events to publish, which commit together with the consumed JMS message.
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

    /** One webhook's facts as they came off the receipts queue (JMS redelivery flag, JMSXDeliveryCount). */
    public record Queued(String body, boolean redelivered, int attempt) {}

    /**
     * Applies queued webhooks in their order as one unit of work and returns the events to publish. A receipt
     * consumer hands over what it took in one broker transaction (several webhooks of its message groups).
     */
    public List<GatewayEvent> process(List<Queued> queued) throws JsonProcessingException {
        List<WebhookBatch> batches = new ArrayList<>(queued.size());
        List<Delivery> deliveries = new ArrayList<>(queued.size());
        for (Queued one : queued) {
            WebhookBatch batch = mapper.readValue(one.body(), WebhookBatch.class);
            batches.add(batch);
            deliveries.add(new Delivery(batch.connectorId(), one.redelivered(), one.attempt()));
        }
        // Reads first, on this thread: the shared writer only writes. One correlation for all of them, so a later
        // webhook's receipt of a message sees what an earlier one changed.
        Receipts.Correlation messages = Receipts.Correlation.empty();
        for (int i = 0; i < batches.size(); i++) {
            receipts.correlate(batches.get(i).events(), deliveries.get(i), messages);
        }
        // One unit of work (Meta posts up to 1,000 updates in one webhook), committed together with other
        // consumers' units: the handlers' own transactions join it, and a failure leaves none of it behind.
        return groupCommit.run(() -> {
            List<GatewayEvent> events = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                for (ProviderEvent event : batches.get(i).events()) {
                    events.addAll(handle(event, deliveries.get(i), messages));
                }
            }
            return events;
        });
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
