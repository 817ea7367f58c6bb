package io.wagateway.pipeline;

import io.wagateway.connector.ProviderEvent;
import java.time.Instant;
import java.util.List;

/** What one provider webhook call carried, as put on the durable receipts queue before the provider gets its 200. */
public record WebhookBatch(String connectorId, Instant receivedAt, List<ProviderEvent> events) {}
