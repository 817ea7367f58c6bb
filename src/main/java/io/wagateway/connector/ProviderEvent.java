package io.wagateway.connector;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.Pricing;
import java.time.Instant;

/**
 * A fact a provider reported, already in canonical terms but not yet matched to a gateway message. Facts travel
 * as JSON on the durable receipts queue between the webhook and their processing, hence the type names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProviderEvent.Receipt.class, name = "receipt"),
        @JsonSubTypes.Type(value = ProviderEvent.Inbound.class, name = "inbound"),
        @JsonSubTypes.Type(value = ProviderEvent.ContactChange.class, name = "contact-change"),
        @JsonSubTypes.Type(value = ProviderEvent.Notice.class, name = "notice")})
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

        /** Which message it is about, the same for all its receipts (wamid, CM reference, Webex transid). */
        public String messageKey() {
            return providerMessageId != null ? providerMessageId : String.valueOf(gatewayMessageId);
        }
    }

    /**
     * A message a user sent to one of our numbers. {@code replyToProviderId} is the provider id of the message it
     * answers or quotes (a button tap answers the message that carried the button).
     */
    record Inbound(String providerMessageId, SenderRef to, ContactRef from, Instant occurredAt,
                   InboundContent content, String replyToProviderId) implements ProviderEvent {

        public String dedupeKey() { return "inbound:" + providerMessageId; }
    }

    /**
     * The provider reported a change of who a contact is: a new number, a new identity key (reinstall, new
     * device), or a new business-scoped user id. {@code contact} holds the ids before the change as far as known.
     */
    record ContactChange(Kind kind, SenderRef sender, ContactRef contact, String newWaId, String newUserId,
                         String newIdentityHash, Instant occurredAt, String providerEventId) implements ProviderEvent {

        public enum Kind { NUMBER_CHANGED, IDENTITY_CHANGED, USER_ID_CHANGED }

        public String dedupeKey() {
            return "contact:" + kind + ":" + (providerEventId != null ? providerEventId
                    : contact.waId() + ":" + contact.userId() + ":" + occurredAt.getEpochSecond());
        }
    }

    /**
     * Something about the account rather than a message: a webhook-level error ({@code connector.error}), a
     * template review result ({@code template.status_changed}), a number's quality or limit
     * ({@code sender.quality_changed}). {@code data} holds the provider's fields in plain words.
     */
    record Notice(String type, SenderRef sender, Instant occurredAt, String code, String title, String detail,
                  java.util.Map<String, String> data) implements ProviderEvent {

        public Notice {
            data = data == null ? java.util.Map.of() : data;
        }

        public String dedupeKey() {
            return "notice:" + type + ":" + digest(code + "|" + occurredAt + "|" + new java.util.TreeMap<>(data));
        }
    }

    /** A short, stable stand-in for a long key (dedupe keys are at most 400 characters). */
    static String digest(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
