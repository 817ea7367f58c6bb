package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One {@code richContent.conversation[]} item for WhatsApp, one method per content type, in the shapes of CM's
 * documentation and SDKs (providers/cm-api.md section 1.5). CM takes media by public link only.
 */
final class CmRichContent {

    private final ObjectMapper mapper;

    CmRichContent(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The conversation item for {@code content}; {@code templateNamespace} may be null.
     *
     * @throws CmUnsupportedContentException for content CM documents no shape for
     */
    ObjectNode item(Content content, String templateNamespace) {
        ObjectNode item = mapper.createObjectNode();
        switch (content.contentType()) {
            case TEXT -> item.put("text", ((Content.Text) content).body());
            case IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER -> item.set("media", media((Content.Media) content));
            case TEMPLATE -> item.putObject("template").set("whatsapp",
                    template((Content.Template) content, templateNamespace));
            case BUTTONS -> item.set("interactive", buttons((Content.Buttons) content));
            case LIST -> item.set("interactive", list((Content.ListMessage) content));
            case LOCATION -> item.set("location", location((Content.Location) content));
            case CONTACTS -> item.set("contacts", contacts(((Content.Contacts) content).contacts()));
            default -> throw new CmUnsupportedContentException("content type '" + content.contentType().wireName()
                    + "' has no documented CM shape");
        }
        return item;
    }

    private ObjectNode media(Content.Media media) {
        String name = switch (media.kind()) {
            case IMAGE, VIDEO -> media.caption();
            // a document's mediaName is its file name; CM has no separate caption for it
            case DOCUMENT -> media.filename() != null ? media.filename()
                    : CmMediaTypes.fileName(media.url()).orElse(null);
            default -> null;   // CM supports no name for audio or stickers
        };
        return mediaObject(media.kind(), media.url(), media.mediaId(), name, "content");
    }

    /** {@code {mediaName?, mediaUri, mimeType?}}, in the order of CM's examples. */
    private ObjectNode mediaObject(ContentType kind, String url, String mediaId, String name, String where) {
        if (!hasText(url)) {
            throw new CmUnsupportedContentException(where + ": CM sends media by public link only, not by media id"
                    + (hasText(mediaId) ? " ('mediaId' was given)" : ""));
        }
        ObjectNode node = mapper.createObjectNode();
        if (hasText(name)) {
            node.put("mediaName", name);
        }
        node.put("mediaUri", url);
        CmMediaTypes.of(kind, url).ifPresent(type -> node.put("mimeType", type));
        return node;
    }

    private ObjectNode template(Content.Template template, String namespace) {
        ObjectNode node = mapper.createObjectNode();
        if (hasText(namespace)) {
            node.put("namespace", namespace.strip());
        }
        node.put("element_name", template.name());
        node.putObject("language").put("policy", "deterministic").put("code", template.language());
        ArrayNode components = mapper.createArrayNode();
        if (template.header() != null) {
            ObjectNode header = components.addObject().put("type", "header");
            header.putArray("parameters").add(templateHeaderParameter(template.header()));
        }
        if (template.body() != null && !template.body().isEmpty()) {
            ArrayNode parameters = components.addObject().put("type", "body").putArray("parameters");
            template.body().forEach(text -> parameters.addObject().put("type", "text").put("text", text));
        }
        List<Content.TemplateButton> buttons = template.buttons() == null ? List.of() : template.buttons();
        for (int i = 0; i < buttons.size(); i++) {
            components.add(templateButton(buttons.get(i), i));
        }
        if (!components.isEmpty()) {
            node.set("components", components);
        }
        return node;
    }

    private ObjectNode templateHeaderParameter(Content.Header header) {
        if (header.isText()) {
            return mapper.createObjectNode().put("type", "text").put("text", header.text());
        }
        ContentType kind = mediaHeaderKind(header, "template header");
        ObjectNode parameter = mapper.createObjectNode().put("type", kind.wireName());
        parameter.set("media", mediaObject(kind, header.url(), header.mediaId(), header.filename(),
                "template header"));
        return parameter;
    }

    private ObjectNode templateButton(Content.TemplateButton button, int position) {
        String subType = button.subType() == null ? "" : button.subType().toLowerCase(Locale.ROOT);
        ObjectNode node = mapper.createObjectNode().put("type", "button");
        ObjectNode parameter = mapper.createObjectNode();
        switch (subType) {
            case "quick_reply" -> parameter.put("type", "payload").put("payload", button.payload());
            case "url" -> parameter.put("type", "text").put("text", button.text());
            default -> throw new CmUnsupportedContentException("template button sub-type '" + button.subType()
                    + "' has no documented CM shape (CM documents quick_reply and url)");
        }
        node.put("sub_type", subType).put("index", button.index() != null ? button.index() : position);
        node.putArray("parameters").add(parameter);
        return node;
    }

    private ObjectNode buttons(Content.Buttons buttons) {
        ObjectNode node = mapper.createObjectNode().put("type", "button");
        if (buttons.header() != null) {
            node.set("header", interactiveHeader(buttons.header(), true));
        }
        node.putObject("body").put("text", buttons.body());
        if (hasText(buttons.footer())) {
            node.putObject("footer").put("text", buttons.footer());
        }
        ArrayNode list = node.putObject("action").putArray("buttons");
        buttons.buttons().forEach(b -> list.addObject().put("type", "reply")
                .putObject("reply").put("id", b.id()).put("title", b.title()));
        return node;
    }

    private ObjectNode list(Content.ListMessage list) {
        ObjectNode node = mapper.createObjectNode().put("type", "list");
        if (list.header() != null) {
            node.set("header", interactiveHeader(list.header(), false));
        }
        node.putObject("body").put("text", list.body());
        if (hasText(list.footer())) {
            node.putObject("footer").put("text", list.footer());
        }
        ObjectNode action = node.putObject("action").put("button", list.buttonText());
        ArrayNode sections = action.putArray("sections");
        for (Content.Section section : list.sections()) {
            ObjectNode s = sections.addObject();
            if (hasText(section.title())) {
                s.put("title", section.title());
            }
            ArrayNode rows = s.putArray("rows");
            for (Content.Row row : section.rows()) {
                ObjectNode r = rows.addObject().put("id", row.id()).put("title", row.title());
                if (hasText(row.description())) {
                    r.put("description", row.description());
                }
            }
        }
        return node;
    }

    /** CM allows a media header only with reply buttons, and never audio. */
    private ObjectNode interactiveHeader(Content.Header header, boolean mediaAllowed) {
        if (header.isText()) {
            return mapper.createObjectNode().put("type", "text").put("text", header.text());
        }
        if (!mediaAllowed) {
            throw new CmUnsupportedContentException("CM allows a media header only on reply buttons, not on a list");
        }
        ContentType kind = mediaHeaderKind(header, "header");
        String name = kind == ContentType.DOCUMENT && !hasText(header.filename())
                ? CmMediaTypes.fileName(header.url()).orElse(null) : header.filename();
        ObjectNode node = mapper.createObjectNode().put("type", kind.wireName());
        node.set("media", mediaObject(kind, header.url(), header.mediaId(), name, "header"));
        return node;
    }

    private static ContentType mediaHeaderKind(Content.Header header, String where) {
        return ContentType.byWireName(header.type())
                .filter(t -> t == ContentType.IMAGE || t == ContentType.VIDEO || t == ContentType.DOCUMENT)
                .orElseThrow(() -> new CmUnsupportedContentException(where + " type '" + header.type()
                        + "' is not supported by CM (text, image, video or document)"));
    }

    private ObjectNode location(Content.Location location) {
        // CM's examples send the coordinates as strings
        ObjectNode node = mapper.createObjectNode()
                .put("latitude", decimal(location.latitude()))
                .put("longitude", decimal(location.longitude()));
        if (hasText(location.name())) {
            node.put("label", location.name());
        }
        if (hasText(location.address())) {
            node.put("searchQuery", location.address());
        }
        return node;
    }

    private ArrayNode contacts(List<ContactCard> cards) {
        ArrayNode array = mapper.createArrayNode();
        for (ContactCard card : cards) {
            ObjectNode c = array.addObject();
            if (card.addresses() != null && !card.addresses().isEmpty()) {
                ArrayNode addresses = c.putArray("addresses");
                card.addresses().forEach(a -> putAll(addresses.addObject(), "city", a.city(), "country", a.country(),
                        "country_code", a.countryCode(), "state", a.state(), "street", a.street(), "type", a.type(),
                        "zip", a.zip()));
            }
            if (hasText(card.birthday())) {
                c.put("birthday", card.birthday());
            }
            if (card.emails() != null && !card.emails().isEmpty()) {
                ArrayNode emails = c.putArray("emails");
                card.emails().forEach(e -> putAll(emails.addObject(), "email", e.email(), "type", e.type()));
            }
            if (card.name() != null) {
                putAll(c.putObject("name"), "formatted_name", card.name().formatted(),
                        "first_name", card.name().first(), "last_name", card.name().last());
            }
            if (card.org() != null) {
                putAll(c.putObject("org"), "company", card.org().company(), "department", card.org().department(),
                        "title", card.org().title());
            }
            if (card.phones() != null && !card.phones().isEmpty()) {
                ArrayNode phones = c.putArray("phones");
                card.phones().forEach(p -> putAll(phones.addObject(), "phone", p.number(), "type", p.type()));
            }
            if (card.urls() != null && !card.urls().isEmpty()) {
                ArrayNode urls = c.putArray("urls");
                card.urls().forEach(u -> putAll(urls.addObject(), "url", u.url(), "type", u.type()));
            }
        }
        return array;
    }

    /** Puts each non-blank value of alternating key/value pairs. */
    private static void putAll(ObjectNode node, String... keysAndValues) {
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (hasText(keysAndValues[i + 1])) {
                node.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
    }

    static String decimal(Double value) {
        if (value == null) {
            throw new IllegalArgumentException("location needs a latitude and a longitude");
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
