package io.wagateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.store.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Takes one webhook's facts off the receipts queue and hands each to its handler. Handlers dedupe durably, change
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

    public List<GatewayEvent> process(Exchange exchange) throws JsonProcessingException {
        WebhookBatch batch = mapper.readValue(exchange.getIn().getBody(String.class), WebhookBatch.class);
        Delivery delivery = new Delivery(batch.connectorId(),
                Boolean.TRUE.equals(exchange.getIn().getHeader("JMSRedelivered", Boolean.class)),
                exchange.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class));
        // Reads first, on this thread: the shared writer only writes.
        Receipts.Correlation messages = receipts.correlate(batch.events(), delivery);
        // One unit of work for the whole webhook (Meta posts up to 1,000 updates at once), committed together with
        // other consumers' units: the handlers' own transactions join it, and a failure leaves none of it behind.
        return groupCommit.run(() -> {
            List<GatewayEvent> events = new ArrayList<>();
            for (ProviderEvent event : batch.events()) {
                events.addAll(handle(event, delivery, messages));
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
