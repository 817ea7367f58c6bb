package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import java.util.List;

/**
 * Fills {@code channels.OTT-Messaging.wa} for session (non-template) messages: one method per content type, in
 * Webex's shapes, which follow WhatsApp's but name interactive buttons {@code reply} and take media by URL with a
 * {@code mimeType}.
 */
final class WaMessages {

    private WaMessages() {}

    static void content(ObjectNode wa, Content content) {
        switch (content.contentType()) {
            case TEXT -> text(wa, (Content.Text) content);
            case IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER -> media(wa, (Content.Media) content);
            case LOCATION -> location(wa, (Content.Location) content);
            case CONTACTS -> contacts(wa, (Content.Contacts) content);
            case BUTTONS -> buttons(wa, (Content.Buttons) content);
            case LIST -> list(wa, (Content.ListMessage) content);
            default -> throw new PayloadException("unsupported-content",
                    "Webex Connect cannot send '" + content.contentType().wireName() + "' content");
        }
    }

    private static void text(ObjectNode wa, Content.Text text) {
        wa.put("type", "text");
        ObjectNode node = wa.putObject("text").put("body", required(text.body(), "text body"));
        if (Boolean.TRUE.equals(text.previewUrl())) {
            node.put("preview_url", true);
        }
    }

    private static void media(ObjectNode wa, Content.Media media) {
        ContentType kind = media.kind();
        String name = kind.wireName();
        String url = mediaUrl(media.url(), media.mediaId(), name);
        // WhatsApp takes stickers only as WebP, whatever the URL says
        String mimeType = kind == ContentType.STICKER ? "image/webp" : MediaTypes.of(url).orElseThrow(() ->
                new PayloadException("media-type-unknown", "the " + name + " URL does not end with a known file extension"));
        wa.put("type", name);
        ObjectNode node = wa.putObject(name).put("url", url).put("mimeType", mimeType);
        if (kind != ContentType.AUDIO && kind != ContentType.STICKER) {
            putIfText(node, "caption", media.caption());
        }
        if (kind == ContentType.DOCUMENT) {
            putIfText(node, "filename", media.filename());
        }
    }

    private static void location(ObjectNode wa, Content.Location location) {
        if (location.latitude() == null || location.longitude() == null) {
            throw new PayloadException("invalid-message", "a location needs latitude and longitude");
        }
        wa.put("type", "location");
        ObjectNode node = wa.putObject("location")
                .put("longitude", location.longitude()).put("latitude", location.latitude());
        putIfText(node, "name", location.name());
        putIfText(node, "address", location.address());
    }

    private static void contacts(ObjectNode wa, Content.Contacts contacts) {
        if (contacts.contacts() == null || contacts.contacts().isEmpty()) {
            throw new PayloadException("invalid-message", "a contacts message needs at least one contact");
        }
        wa.put("type", "contacts");
        ArrayNode array = wa.putArray("contacts");
        contacts.contacts().forEach(card -> contact(array.addObject(), card));
    }

    private static void contact(ObjectNode node, ContactCard card) {
        if (card.name() != null) {
            ObjectNode name = node.putObject("name");
            putIfText(name, "formatted_name", card.name().formatted());
            putIfText(name, "first_name", card.name().first());
            putIfText(name, "last_name", card.name().last());
        }
        for (ContactCard.Phone phone : list(card.phones())) {
            ObjectNode p = node.withArrayProperty("phones").addObject();
            putIfText(p, "phone", phone.number());
            putIfText(p, "type", phone.type());
            putIfText(p, "wa_id", phone.waId());
        }
        for (ContactCard.Email email : list(card.emails())) {
            ObjectNode e = node.withArrayProperty("emails").addObject();
            putIfText(e, "email", email.email());
            putIfText(e, "type", email.type());
        }
        if (card.org() != null) {
            ObjectNode org = node.putObject("org");
            putIfText(org, "company", card.org().company());
            putIfText(org, "department", card.org().department());
            putIfText(org, "title", card.org().title());
        }
        for (ContactCard.Url url : list(card.urls())) {
            ObjectNode u = node.withArrayProperty("urls").addObject();
            putIfText(u, "url", url.url());
            putIfText(u, "type", url.type());
        }
        for (ContactCard.Address address : list(card.addresses())) {
            ObjectNode a = node.withArrayProperty("addresses").addObject();
            putIfText(a, "street", address.street());
            putIfText(a, "city", address.city());
            putIfText(a, "state", address.state());
            putIfText(a, "zip", address.zip());
            putIfText(a, "country", address.country());
            putIfText(a, "country_code", address.countryCode());
            putIfText(a, "type", address.type());
        }
        putIfText(node, "birthday", card.birthday());
    }

    private static void buttons(ObjectNode wa, Content.Buttons buttons) {
        if (buttons.buttons() == null || buttons.buttons().isEmpty()) {
            throw new PayloadException("invalid-message", "a buttons message needs at least one button");
        }
        wa.put("type", "reply");
        ObjectNode reply = wa.putObject("reply");
        if (buttons.header() != null) {
            header(reply.putObject("header"), buttons.header());
        }
        reply.putObject("body").put("text", required(buttons.body(), "buttons body"));
        if (hasText(buttons.footer())) {
            reply.putObject("footer").put("text", buttons.footer());
        }
        ArrayNode array = reply.putObject("action").putArray("buttons");
        for (Content.ReplyButton button : buttons.buttons()) {
            array.addObject().put("type", "reply").putObject("reply")
                    .put("id", required(button.id(), "button id")).put("title", required(button.title(), "button title"));
        }
    }

    /** Reply-button headers: text, or an image, video or document by URL. */
    private static void header(ObjectNode node, Content.Header header) {
        String type = header.type() == null ? "text" : header.type();
        node.put("type", type);
        switch (type) {
            case "text" -> node.put("text", required(header.text(), "header text"));
            case "image", "video" -> node.putObject(type).put("url", mediaUrl(header.url(), header.mediaId(), type));
            case "document" -> {
                ObjectNode document = node.putObject("document")
                        .put("url", mediaUrl(header.url(), header.mediaId(), type));
                putIfText(document, "filename", header.filename());
            }
            default -> throw new PayloadException("unsupported-content", "header type '" + type + "' is not supported");
        }
    }

    private static void list(ObjectNode wa, Content.ListMessage list) {
        if (list.sections() == null || list.sections().isEmpty()) {
            throw new PayloadException("invalid-message", "a list message needs at least one section");
        }
        wa.put("type", "list");
        ObjectNode node = wa.putObject("list");
        if (list.header() != null) {
            if (!list.header().isText()) {
                throw new PayloadException("unsupported-content", "list headers can only be text on Webex Connect");
            }
            node.putObject("header").put("type", "text").put("text", required(list.header().text(), "header text"));
        }
        node.putObject("body").put("text", required(list.body(), "list body"));
        if (hasText(list.footer())) {
            node.putObject("footer").put("text", list.footer());
        }
        ObjectNode action = node.putObject("action").put("button", required(list.buttonText(), "list buttonText"));
        ArrayNode sections = action.putArray("sections");
        for (Content.Section section : list.sections()) {
            ObjectNode s = sections.addObject();
            putIfText(s, "title", section.title());
            ArrayNode rows = s.putArray("rows");
            for (Content.Row row : list(section.rows())) {
                ObjectNode r = rows.addObject().put("id", required(row.id(), "row id"))
                        .put("title", required(row.title(), "row title"));
                putIfText(r, "description", row.description());
            }
        }
    }

    /** Webex fetches media from a public URL; WhatsApp media ids mean nothing to it. */
    static String mediaUrl(String url, String mediaId, String what) {
        if (hasText(url)) {
            return url.strip();
        }
        if (hasText(mediaId)) {
            throw new PayloadException("unsupported-content",
                    "Webex Connect takes " + what + " media by URL only, not by media id");
        }
        throw new PayloadException("invalid-message", "the " + what + " has no URL");
    }

    static String required(String value, String what) {
        if (!hasText(value)) {
            throw new PayloadException("invalid-message", "the " + what + " is missing");
        }
        return value;
    }

    static void putIfText(ObjectNode node, String field, String value) {
        if (hasText(value)) {
            node.put(field, value);
        }
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
