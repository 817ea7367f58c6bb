package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.Content;
import io.wagateway.model.ContactCard;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Contact cards both ways: the canonical {@link ContactCard} and the Cloud API's vCard-like shape ({@code
 * name.formatted_name}, {@code phones[].phone}, {@code org.company}, ...), which inbound and outbound share.
 */
final class ContactCards {

    private ContactCards() {}

    static void put(ObjectNode body, Content.Contacts contacts) {
        if (contacts.contacts() == null || contacts.contacts().isEmpty()) {
            throw new IllegalArgumentException("no contact cards");
        }
        body.put("type", "contacts");
        ArrayNode cards = body.putArray("contacts");
        contacts.contacts().forEach(card -> write(cards.addObject(), card));
    }

    /** Meta requires {@code name.formatted_name}; without one it is made of the first and last name. */
    private static void write(ObjectNode node, ContactCard card) {
        ContactCard.Name name = card.name();
        String formatted = name == null ? null : Nodes.hasText(name.formatted()) ? name.formatted()
                : String.join(" ", nonBlank(name.first(), name.last()));
        if (!Nodes.hasText(formatted)) {
            throw new IllegalArgumentException("a contact card needs a name");
        }
        ObjectNode nameNode = node.putObject("name").put("formatted_name", formatted);
        Nodes.putText(nameNode, "first_name", name.first());
        Nodes.putText(nameNode, "last_name", name.last());
        array(node, "phones", card.phones(), (n, p) -> {
            n.put("phone", p.number());
            Nodes.putText(n, "type", p.type());
            Nodes.putText(n, "wa_id", p.waId());
        });
        array(node, "emails", card.emails(), (n, e) -> {
            n.put("email", e.email());
            Nodes.putText(n, "type", e.type());
        });
        array(node, "urls", card.urls(), (n, u) -> {
            n.put("url", u.url());
            Nodes.putText(n, "type", u.type());
        });
        array(node, "addresses", card.addresses(), (n, a) -> {
            Nodes.putText(n, "street", a.street());
            Nodes.putText(n, "city", a.city());
            Nodes.putText(n, "state", a.state());
            Nodes.putText(n, "zip", a.zip());
            Nodes.putText(n, "country", a.country());
            Nodes.putText(n, "country_code", a.countryCode());
            Nodes.putText(n, "type", a.type());
        });
        if (card.org() != null) {
            ObjectNode org = node.putObject("org");
            Nodes.putText(org, "company", card.org().company());
            Nodes.putText(org, "department", card.org().department());
            Nodes.putText(org, "title", card.org().title());
        }
        Nodes.putText(node, "birthday", card.birthday());
    }

    /** The canonical cards in an inbound {@code contacts[]}; parts that are missing stay null. */
    static List<ContactCard> read(JsonNode contacts) {
        List<ContactCard> cards = new ArrayList<>();
        for (JsonNode c : Json.array(contacts)) {
            JsonNode name = c.path("name");
            JsonNode org = c.get("org");
            cards.add(new ContactCard(
                    new ContactCard.Name(Json.text(name.get("formatted_name")), Json.text(name.get("first_name")),
                            Json.text(name.get("last_name"))),
                    list(c.get("phones"), p -> new ContactCard.Phone(Json.text(p.get("phone")),
                            Json.text(p.get("type")), Json.text(p.get("wa_id")))),
                    list(c.get("emails"), e -> new ContactCard.Email(Json.text(e.get("email")),
                            Json.text(e.get("type")))),
                    org == null || !org.isObject() ? null : new ContactCard.Org(Json.text(org.get("company")),
                            Json.text(org.get("department")), Json.text(org.get("title"))),
                    list(c.get("urls"), u -> new ContactCard.Url(Json.text(u.get("url")), Json.text(u.get("type")))),
                    list(c.get("addresses"), a -> new ContactCard.Address(Json.text(a.get("street")),
                            Json.text(a.get("city")), Json.text(a.get("state")), Json.text(a.get("zip")),
                            Json.text(a.get("country")), Json.text(a.get("country_code")), Json.text(a.get("type")))),
                    Json.text(c.get("birthday"))));
        }
        return cards;
    }

    private static <T> void array(ObjectNode node, String key, List<T> items, BiConsumer<ObjectNode, T> writer) {
        if (items == null || items.isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray(key);
        items.forEach(item -> writer.accept(array.addObject(), item));
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> reader) {
        List<T> items = new ArrayList<>();
        Json.array(array).forEach(item -> items.add(reader.apply(item)));
        return items.isEmpty() ? null : items;
    }

    private static List<String> nonBlank(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (Nodes.hasText(part)) {
                kept.add(part.strip());
            }
        }
        return kept;
    }
}
