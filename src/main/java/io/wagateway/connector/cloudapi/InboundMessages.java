package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.ProviderEvent.ContactChange;
import io.wagateway.connector.SenderRef;
import io.wagateway.model.InboundContent;
import io.wagateway.model.PhoneNumbers;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code value.messages[]} of a messages webhook: each item becomes an inbound message, or, for {@code system}
 * items, a contact change. Who wrote is read from the message ({@code from}, {@code from_user_id}) and completed from
 * the matching {@code value.contacts[]} entry (name, identity key hash), which system items do not have.
 */
final class InboundMessages {

    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

    /** {@code system.type} -> what changed; older Cloud API versions used the {@code customer_} names. */
    private static final Map<String, ContactChange.Kind> SYSTEM_TYPES = Map.of(
            "user_changed_number", ContactChange.Kind.NUMBER_CHANGED,
            "customer_changed_number", ContactChange.Kind.NUMBER_CHANGED,
            "user_identity_changed", ContactChange.Kind.IDENTITY_CHANGED,
            "customer_identity_changed", ContactChange.Kind.IDENTITY_CHANGED,
            "user_changed_user_id", ContactChange.Kind.USER_ID_CHANGED);

    private final InboundContents contents;

    InboundMessages(InboundContents contents) {
        this.contents = contents;
    }

    void read(JsonNode value, List<ProviderEvent> events) {
        SenderRef to = SenderRef.phoneNumberId(Json.text(value.path("metadata").get("phone_number_id")));
        for (JsonNode message : Json.array(value.get("messages"))) {
            ProviderEvent event = message(message, to, value.get("contacts"));
            if (event != null) {
                events.add(event);
            }
        }
    }

    /** Logs name no message id: a wamid embeds the user's number. */
    private ProviderEvent message(JsonNode message, SenderRef to, JsonNode contacts) {
        String id = Json.text(message.get("id"));
        String type = Json.text(message.get("type"));
        if (id == null) {
            log.warn("skipped an inbound '{}' message without an id", type);
            return null;
        }
        if (Json.text(message.get("group_id")) != null) {
            // A group message is addressed to everyone in a group, not to us by one user. The gateway has no group
            // model (contacts, service windows and replies are one-to-one), so passing it on as if the participant
            // had written to us alone would invite apps to answer the wrong audience. Dropped until groups exist.
            log.info("ignored an inbound '{}' message in a WhatsApp group: groups are not supported", type);
            return null;
        }
        ContactRef from = contact(message, contacts);
        Instant at = Json.instant(message.get("timestamp"));
        if ("system".equalsIgnoreCase(type)) {
            return system(message, id, to, from, at);
        }
        JsonNode context = message.path("context");
        InboundContent content = contents.read(message).withContext(Json.bool(context.get("forwarded")),
                Json.bool(context.get("frequently_forwarded")), referral(message.get("referral")));
        String replyTo = Json.text(context.get("id"));
        if (replyTo == null && content.reaction() != null) {
            replyTo = content.reaction().messageId();   // a reaction answers the message it reacts to
        }
        return new ProviderEvent.Inbound(id, to, from, at, content, replyTo);
    }

    /** Click-to-WhatsApp ad data, with the gateway's camelCase keys; null when there is none. */
    private static Map<String, Object> referral(JsonNode referral) {
        Map<String, Object> map = Json.camelCaseMap(referral);
        return map.isEmpty() ? null : map;
    }

    /** A system item names the contact as it was; the new number, identity or user id is in {@code system}. */
    private static ContactChange system(JsonNode message, String id, SenderRef to, ContactRef from, Instant at) {
        JsonNode system = message.path("system");
        String type = Json.text(system.get("type"));
        ContactChange.Kind kind = type == null ? null : SYSTEM_TYPES.get(type.toLowerCase(Locale.ROOT));
        if (kind == null) {
            log.debug("skipped a system message of type '{}'", type);
            return null;
        }
        return switch (kind) {
            case NUMBER_CHANGED -> {
                // wa_id since v12; new_wa_id before; the old number is the sender (customer in old versions)
                String newWaId = first(Json.text(system.get("wa_id")), Json.text(system.get("new_wa_id")));
                if (newWaId == null) {
                    log.warn("skipped a number change without the new wa_id");
                    yield null;
                }
                yield new ContactChange(kind, to, withWaId(from, Json.text(system.get("customer"))), newWaId, null,
                        null, at, id);
            }
            // older payloads carried the new hash as system.identity; current ones send none
            case IDENTITY_CHANGED -> new ContactChange(kind, to, withWaId(from, Json.text(system.get("customer"))),
                    null, null, Json.text(system.get("identity")), at, id);
            case USER_ID_CHANGED -> {
                String newUserId = Json.text(system.get("user_id"));
                if (newUserId == null) {
                    log.warn("skipped a user id change without the new user_id");
                    yield null;
                }
                String oldUserId = first(Json.text(system.get("previous_user_id")),
                        newUserId.equals(from.userId()) ? null : from.userId());
                String waId = first(from.waId(), Json.text(system.get("wa_id")));
                yield new ContactChange(kind, to, new ContactRef(phone(waId), waId, oldUserId, from.name(),
                        from.identityHash()), null, newUserId, null, at, id);
            }
        };
    }

    /**
     * The sender of a message: ids from the message itself, name and identity key hash from the {@code contacts[]}
     * entry with the same wa_id or user id (or the only entry, when there is one).
     */
    private static ContactRef contact(JsonNode message, JsonNode contacts) {
        String waId = Json.text(message.get("from"));
        String userId = Json.text(message.get("from_user_id"));
        JsonNode entry = matchingContact(Json.array(contacts), waId, userId);
        waId = first(waId, Json.text(entry.get("wa_id")));
        userId = first(userId, Json.text(entry.get("user_id")));
        // identity_key_hash per contact today; a message-level identity object in older versions
        String hash = first(Json.text(entry.get("identity_key_hash")),
                Json.text(message.path("identity").get("hash")));
        return new ContactRef(phone(waId), waId, userId, Json.text(entry.path("profile").get("name")), hash);
    }

    private static JsonNode matchingContact(JsonNode contacts, String waId, String userId) {
        for (JsonNode contact : contacts) {
            if ((waId != null && waId.equals(Json.text(contact.get("wa_id"))))
                    || (userId != null && userId.equals(Json.text(contact.get("user_id"))))) {
                return contact;
            }
        }
        return contacts.size() == 1 ? contacts.get(0) : contacts.path(contacts.size());
    }

    private static ContactRef withWaId(ContactRef from, String fallbackWaId) {
        if (from.waId() != null || fallbackWaId == null) {
            return from;
        }
        return new ContactRef(phone(fallbackWaId), fallbackWaId, from.userId(), from.name(), from.identityHash());
    }

    /** A wa_id is the number's digits; only a number libphonenumber accepts becomes the +E.164 phone. */
    private static String phone(String waId) {
        return waId == null ? null : PhoneNumbers.toE164("+" + waId).orElse(null);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
