package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.model.ContactCard;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A WhatsApp contact object ({@code name.formatted_name}, {@code phones[].phone}, ...) as a canonical card. */
final class ContactCards {

    private ContactCards() {}

    static ContactCard read(JsonNode card) {
        JsonNode name = card.path("name");
        ContactCard.Name cardName = name.isObject() ? new ContactCard.Name(text(name, "formatted_name"),
                text(name, "first_name"), text(name, "last_name")) : null;
        JsonNode org = card.path("org");
        ContactCard.Org cardOrg = org.isObject() ? ContactCard.Org.of(text(org, "company"), text(org, "department"),
                text(org, "title")) : null;
        return new ContactCard(cardName,
                list(card.get("phones"), p -> new ContactCard.Phone(text(p, "phone"), text(p, "type"), text(p, "wa_id"))),
                list(card.get("emails"), e -> e.isTextual() ? ContactCard.Email.of(e.asText())
                        : ContactCard.Email.of(text(e, "email"), text(e, "type"))),
                cardOrg,
                list(card.get("urls"), u -> u.isTextual() ? ContactCard.Url.of(u.asText())
                        : ContactCard.Url.of(text(u, "url"), text(u, "type"))),
                list(card.get("addresses"), a -> new ContactCard.Address(text(a, "street"), text(a, "city"),
                        text(a, "state"), text(a, "zip"), text(a, "country"), text(a, "country_code"), text(a, "type"))),
                WebexJson.text(card.get("birthday")));
    }

    private static String text(JsonNode node, String field) {
        return WebexJson.text(node.get(field));
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> reader) {
        List<T> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> items.add(reader.apply(item)));
        }
        return items;
    }
}
