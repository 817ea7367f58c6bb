package io.wagateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.store.DedupeStore;
import io.wagateway.store.MessageStore;
import io.wagateway.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies what provider webhooks reported: dedupe, correlate to a ledger message, keep every receipt in history,
 * move the status forward only, and emit an event for each change.
 */
@Component("receiptProcessor")
public class ReceiptProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReceiptProcessor.class);

    /** A receipt that came before the send response was recorded gets this many deliveries to find its message. */
    static final int ORPHAN_ATTEMPTS = 5;

    private final ObjectMapper mapper;
    private final MessageStore store;
    private final DedupeStore dedupe;
    private final TransactionTemplate transaction;

    public ReceiptProcessor(ObjectMapper mapper, MessageStore store, DedupeStore dedupe,
                            TransactionTemplate transaction) {
        this.mapper = mapper;
        this.store = store;
        this.dedupe = dedupe;
        this.transaction = transaction;
    }

    public List<GatewayEvent> process(Exchange exchange) throws JsonProcessingException {
        WebhookBatch batch = mapper.readValue(exchange.getIn().getBody(String.class), WebhookBatch.class);
        boolean redelivered = Boolean.TRUE.equals(exchange.getIn().getHeader("JMSRedelivered", Boolean.class));
        int attempt = exchange.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class);
        List<GatewayEvent> events = new ArrayList<>();
        for (ProviderEvent event : batch.events()) {
            if (event instanceof ProviderEvent.Receipt receipt) {
                events.addAll(apply(batch.connectorId(), receipt, redelivered, attempt));
            }
        }
        return events;
    }

    private List<GatewayEvent> apply(String connectorId, ProviderEvent.Receipt receipt, boolean redelivered,
                                     int attempt) {
        Optional<StoredMessage> found = correlate(receipt);
        if (found.isEmpty()) {
            if (attempt < ORPHAN_ATTEMPTS) {
                throw new Dispatcher.RetryLater("receipt for unknown message " + receipt.providerMessageId());
            }
            log.warn("receipt {} from {} matches no message; dropped", receipt.providerStatus(), connectorId);
            return List.of();
        }
        StoredMessage message = found.get();
        Instant now = Instant.now();
        Boolean moved = transaction.execute(tx -> {
            if (!dedupe.firstTime(connectorId, receipt.dedupeKey(), now)) {
                return null;
            }
            if (message.submittedAt() == null && receipt.providerMessageId() != null) {
                // The receipt beat the send response: it proves the provider took the message.
                store.markSubmitted(message.id(), connectorId, receipt.providerMessageId(), now);
            }
            store.addHistory(message.id(), receipt.status(), receipt.providerStatus(),
                    receipt.occurredAt() != null ? receipt.occurredAt() : now, connectorId, receipt.error());
            if (receipt.pricing() != null) {
                store.setPricing(message.id(), receipt.pricing());
            }
            return store.advance(message.id(), receipt.status(), receipt.error(), now);
        });
        if (moved == null) {
            // A repeat. Only a broker redelivery (we may have crashed before publishing) repeats the event.
            return redelivered ? List.of(StatusEvents.current(store.find(message.id()).orElseThrow(), now))
                    : List.of();
        }
        return moved ? List.of(StatusEvents.of(store.find(message.id()).orElseThrow(), receipt.status(),
                receipt.occurredAt() != null ? receipt.occurredAt() : now, new StatusEvents.ContactFacts(receipt.recipientWaId(),
                        receipt.recipientUserId(), receipt.identityHash()))) : List.of();
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
