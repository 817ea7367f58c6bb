package io.wagateway.pipeline;

import io.wagateway.config.GatewayProperties;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.event.GatewayEvent;
import io.wagateway.model.InboundContent;
import io.wagateway.store.DedupeStore;
import io.wagateway.store.GroupCommit;
import io.wagateway.store.MediaStore;
import io.wagateway.store.MessageStore;
import io.wagateway.store.SqlDialect;
import io.wagateway.store.StoredMessage;
import io.wagateway.support.Redact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages users send: matched to the receiving sender, deduplicated, the sender's identity store updated, media
 * handles swapped for gateway URLs, and one {@code message.inbound} event for each app that owns the sender.
 */
@Component
public class Inbounds {

    private static final Logger log = LoggerFactory.getLogger(Inbounds.class);

    private final ConnectorRegistry registry;
    private final DedupeStore dedupe;
    private final MessageStore messages;
    private final MediaStore media;
    private final Identities identities;
    private final TransactionTemplate transaction;
    private final GatewayProperties properties;
    private final Environment environment;

    public Inbounds(ConnectorRegistry registry, DedupeStore dedupe, MessageStore messages, MediaStore media,
                    Identities identities, TransactionTemplate transaction, GatewayProperties properties,
                    Environment environment) {
        this.registry = registry;
        this.dedupe = dedupe;
        this.messages = messages;
        this.media = media;
        this.identities = identities;
        this.transaction = transaction;
        this.properties = properties;
        this.environment = environment;
    }

    public List<GatewayEvent> apply(ProviderEvent.Inbound inbound, ProviderEventProcessor.Delivery delivery) {
        String connectorId = delivery.connectorId();
        String senderId = registry.senderFor(connectorId, inbound.to()).orElse(null);
        if (senderId == null) {
            log.warn("inbound message on {} for a number no sender has; dropped", connectorId);
            return List.of();
        }
        Instant now = SqlDialect.now();
        Instant at = inbound.occurredAt() != null ? inbound.occurredAt() : now;
        List<GatewayEvent> events = new ArrayList<>();
        Boolean first = transaction.execute(tx -> {
            if (!dedupe.firstTime(connectorId, inbound.dedupeKey(), now)) {
                return false;
            }
            events.addAll(identities.observe(senderId, connectorId, inbound.from(), at));
            return true;
        });
        if (!first && !delivery.redelivered()) {
            return List.of();   // the provider repeated a webhook we already took in
        }
        InboundContent content = withGatewayMedia(inbound.content(), connectorId, senderId, now);
        String replyTo = inbound.replyToProviderId() == null ? null
                : messages.findByProviderMessageId(inbound.replyToProviderId()).map(StoredMessage::id)
                        .orElse(inbound.replyToProviderId());
        for (String app : registry.appsForSender(senderId)) {
            events.add(new GatewayEvent(
                    GatewayEvent.idOf(GatewayEvent.MESSAGE_INBOUND, connectorId, inbound.providerMessageId(), app),
                    GatewayEvent.MESSAGE_INBOUND, at, now, app, senderId, connectorId,
                    new GatewayEvent.Contact(inbound.from().phone(), inbound.from().waId(), inbound.from().userId(),
                            inbound.from().name(), inbound.from().identityHash()),
                    null, new GatewayEvent.Inbound(inbound.providerMessageId(), content, replyTo,
                            inbound.replyToProviderId()), null, null));
        }
        if (first) {
            // no provider call inside a transaction: the read mark follows the commit
            GroupCommit.afterCommit(() -> markRead(connectorId, senderId, inbound));
        }
        return events;
    }

    private InboundContent withGatewayMedia(InboundContent content, String connectorId, String senderId,
                                            Instant now) {
        if (content == null || content.media() == null || content.media().providerRef() == null) {
            return content;
        }
        InboundContent.Media m = content.media();
        String id = media.register(connectorId, senderId, m.providerRef(), m.mimeType(), m.filename(), now);
        return content.withMedia(m.forApps(publicUrl() + "/v1/media/" + id));
    }

    private String publicUrl() {
        return properties.publicUrl() != null ? properties.publicUrl()
                : "http://localhost:" + environment.getProperty("local.server.port",
                        environment.getProperty("server.port", "8080"));
    }

    /** Best effort: a read mark that fails is logged, never a reason to lose or repeat the message. */
    private void markRead(String connectorId, String senderId, ProviderEvent.Inbound inbound) {
        registry.route(senderId).filter(route -> route.sender().markRead()).ifPresent(route -> {
            try {
                route.connector().markRead(inbound, route.instance(), route.sender());
            } catch (RuntimeException e) {
                log.warn("could not mark a message from {} read on {}: {}", Redact.phone(inbound.from().phone()),
                        connectorId, e.toString());
            }
        });
    }
}
