package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.model.ContactCard;
import java.util.List;
import java.util.function.Function;

/** A contact card in the WhatsApp format CM passes through ({@code custom.contacts[]}), read into the canonical card. */
final class CmContactCards {

    private CmContactCards() {}

    static ContactCard read(JsonNode card) {
        JsonNode name = CmJson.field(card, "name");
        JsonNode org = CmJson.field(card, "org");
        return new ContactCard(
                name.isObject() ? new ContactCard.Name(text(name, "formatted_name"), text(name, "first_name"),
                        text(name, "last_name")) : null,
                list(card, "phones", p -> new ContactCard.Phone(text(p, "phone"), text(p, "type"), text(p, "wa_id"))),
                list(card, "emails", e -> new ContactCard.Email(text(e, "email"), text(e, "type"))),
                org.isObject() ? new ContactCard.Org(text(org, "company"), text(org, "department"), text(org, "title"))
                        : null,
                list(card, "urls", u -> new ContactCard.Url(text(u, "url"), text(u, "type"))),
                list(card, "addresses", a -> new ContactCard.Address(text(a, "street"), text(a, "city"),
                        text(a, "state"), text(a, "zip"), text(a, "country"), text(a, "country_code"), text(a, "type"))),
                text(card, "birthday"));
    }

    private static <T> List<T> list(JsonNode card, String field, Function<JsonNode, T> reader) {
        List<T> items = CmJson.elements(CmJson.field(card, field)).stream().filter(JsonNode::isObject).map(reader)
                .toList();
        return items.isEmpty() ? null : items;
    }

    private static String text(JsonNode node, String field) {
        return CmJson.text(CmJson.field(node, field));
    }
}
