package io.wagateway.connector;

import io.wagateway.model.OutboundMessage;
import java.util.Set;

/**
 * The one contract between the gateway and a provider. A connector is a Spring bean found by
 * {@link #type()}; its instances (credentials, base URL) come from configuration.
 */
public interface Connector {

    /** The {@code type} used in {@code gateway.connectors.<id>.type}, e.g. {@code meta-cloud}. */
    String type();

    /** What this connector can send, so the API refuses the rest before accepting it. */
    Capabilities capabilities();

    /** Sends one message. Never throws for provider answers: failures come back typed in the outcome. */
    SendOutcome send(OutboundMessage message, ConnectorInstance connector, SenderConfig sender);

    /** Authenticates and reads one webhook call; the result holds the reply the provider expects. */
    WebhookResult handleWebhook(WebhookRequest request, ConnectorInstance connector);

    /**
     * Streams an inbound media file ({@link io.wagateway.model.InboundContent.Media#providerRef()}) with this
     * connector's credentials, so nobody downstream needs them. Throws {@link MediaFetchException} (or any runtime
     * exception) when the provider does not hand it over; {@code notFound} there means it is gone for good.
     */
    default MediaDownload fetchMedia(String providerRef, ConnectorInstance connector) {
        throw new UnsupportedOperationException(type() + " cannot fetch media");
    }

    /** Tells the provider that an inbound message was read, for senders configured to do so. Best effort. */
    default void markRead(ProviderEvent.Inbound inbound, ConnectorInstance connector, SenderConfig sender) {
    }

    /** Setting keys whose values must never reach logs. */
    Set<String> secretSettings();
}
