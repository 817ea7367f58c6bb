package io.wagateway.connector.cm;

import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plain text for CM's {@code body.content}. CM refuses a message without it (code 304) even when only WhatsApp
 * is allowed, and it is what an SMS fallback would show, so it says in words what the rich content shows.
 */
final class CmFallbackText {

    private CmFallbackText() {}

    static String of(Content content) {
        String text = switch (content.contentType()) {
            case TEXT -> ((Content.Text) content).body();
            case IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER -> media((Content.Media) content);
            case TEMPLATE -> template((Content.Template) content);
            case BUTTONS -> buttons((Content.Buttons) content);
            case LIST -> list((Content.ListMessage) content);
            case LOCATION -> location((Content.Location) content);
            case CONTACTS -> contacts(((Content.Contacts) content).contacts());
            case REACTION -> ((Content.Reaction) content).emoji();
        };
        return text == null || text.isBlank() ? content.contentType().wireName() : text;
    }

    private static String media(Content.Media media) {
        return firstText(media.caption(), media.filename(), media.url(), media.kind().wireName());
    }

    private static String template(Content.Template template) {
        List<String> parameters = template.body() == null ? List.of() : template.body();
        return parameters.isEmpty() ? template.name() : template.name() + ": " + String.join(", ", parameters);
    }

    private static String buttons(Content.Buttons buttons) {
        List<String> lines = new ArrayList<>();
        if (buttons.header() != null && buttons.header().isText()) {
            lines.add(buttons.header().text());
        }
        lines.add(buttons.body());
        lines.add(buttons.buttons().stream().map(b -> "[" + b.title() + "]").collect(Collectors.joining(" ")));
        addIfText(lines, buttons.footer());
        return join(lines);
    }

    private static String list(Content.ListMessage list) {
        List<String> lines = new ArrayList<>();
        if (list.header() != null && list.header().isText()) {
            lines.add(list.header().text());
        }
        lines.add(list.body());
        list.sections().forEach(s -> s.rows().forEach(r -> lines.add("- " + r.title())));
        addIfText(lines, list.footer());
        return join(lines);
    }

    private static String location(Content.Location location) {
        List<String> parts = new ArrayList<>();
        addIfText(parts, location.name());
        addIfText(parts, location.address());
        parts.add(CmRichContent.decimal(location.latitude()) + "," + CmRichContent.decimal(location.longitude()));
        return String.join(", ", parts);
    }

    private static String contacts(List<ContactCard> cards) {
        return cards.stream().map(card -> {
            List<String> parts = new ArrayList<>();
            if (card.name() != null) {
                addIfText(parts, card.name().formatted() != null ? card.name().formatted()
                        : join(" ", card.name().first(), card.name().last()));
            }
            if (card.phones() != null && !card.phones().isEmpty()) {
                addIfText(parts, card.phones().get(0).number());
            }
            return String.join(" ", parts);
        }).filter(s -> !s.isBlank()).collect(Collectors.joining("\n"));
    }

    private static String firstText(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static void addIfText(List<String> parts, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(value);
        }
    }

    private static String join(List<String> lines) {
        return lines.stream().filter(l -> l != null && !l.isBlank()).collect(Collectors.joining("\n"));
    }

    private static String join(String separator, String... values) {
        List<String> parts = new ArrayList<>();
        for (String value : values) {
            addIfText(parts, value);
        }
        return String.join(separator, parts);
    }
}
