package io.wagateway.connector;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.Pricing;
import java.time.Instant;

/**
 * A fact a provider reported, already in canonical terms but not yet matched to a gateway message. Facts travel
 * as JSON on the durable receipts queue between the webhook and their processing, hence the type names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes(@JsonSubTypes.Type(value = ProviderEvent.Receipt.class, name = "receipt"))
public sealed interface ProviderEvent {

    /**
     * A delivery receipt. {@code gatewayMessageId} is set when the provider echoed our id back (e.g. Meta's
     * {@code biz_opaque_callback_data}); otherwise correlation uses {@code providerMessageId}.
     * {@code dedupeKey} is what makes a repeated receipt recognisable as the same one.
     */
    record Receipt(String providerMessageId, String gatewayMessageId, MessageStatus status, String providerStatus,
                   Instant occurredAt, MessageError error, Pricing pricing, String recipientWaId,
                   String recipientUserId, String identityHash) implements ProviderEvent {

        public String dedupeKey() { return "status:" + providerMessageId + ":" + providerStatus; }
    }
}
