package io.wagateway.pipeline;

import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.store.DedupeStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Account-level news (template reviews, number quality, webhook-level errors) for ops and reporting: published on
 * the events address with no app, so they reach broker subscribers but no app callback. News about a contact
 * ({@code contact.*}, e.g. a marketing opt-out) concerns the apps of the sender: one event for each.
 */
@Component
public class Notices {

    private final ConnectorRegistry registry;
    private final DedupeStore dedupe;

    public Notices(ConnectorRegistry registry, DedupeStore dedupe) {
        this.registry = registry;
        this.dedupe = dedupe;
    }

    public List<GatewayEvent> apply(ProviderEvent.Notice notice, ProviderEventProcessor.Delivery delivery) {
        Instant now = Instant.now();
        if (!dedupe.firstTime(delivery.connectorId(), notice.dedupeKey(), now) && !delivery.redelivered()) {
            return List.of();
        }
        String sender = registry.senderFor(delivery.connectorId(), notice.sender()).orElse(null);
        List<String> apps = sender != null && notice.type().startsWith("contact.")
                ? registry.appsForSender(sender) : java.util.Collections.singletonList(null);
        return apps.stream().map(app -> new GatewayEvent(
                GatewayEvent.idOf(notice.type(), delivery.connectorId(), notice.dedupeKey(), String.valueOf(app)),
                notice.type(), notice.occurredAt() != null ? notice.occurredAt() : now, now, app, sender,
                delivery.connectorId(), null, null, null, null,
                new GatewayEvent.Notice(notice.code(), notice.title(), notice.detail(), notice.data()))).toList();
    }
}
