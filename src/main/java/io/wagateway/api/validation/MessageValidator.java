package io.wagateway.api.validation;

import io.wagateway.api.Problem.FieldError;
import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks a {@link SendRequest} against the contract's limits, which follow WhatsApp's own (Meta Cloud API)
 * so that a message we accept is one a provider will take. Pure: no I/O, no configuration; it returns every
 * problem it finds, with JSON paths such as {@code content.buttons[3].title}.
 */
public final class MessageValidator {

    static final int MAX_CLIENT_REFERENCE = 64;
    static final int MAX_IDENTITY_HASH = 128;
    static final int MAX_REPLY_TO = 256;
    static final int MAX_VALIDITY_SECONDS = 30 * 24 * 3600;
    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    static final int MAX_FILENAME = 240;
    static final int MAX_LOCATION_TEXT = 1000;
    static final int MAX_CONTACTS = 20;
    static final int MAX_HEADER_TEXT = 60;
    static final int MAX_FOOTER = 60;
    static final int MAX_TEMPLATE_PARAMETER = 1024;
    static final int MAX_TEMPLATE_BUTTON_INDEX = 9;
    static final int MAX_QUICK_REPLY_PAYLOAD = 256;
    static final int MAX_URL_BUTTON_TEXT = 2000;
    static final int MAX_COPY_CODE = 15;
    static final int MAX_BUTTONS_BODY = 1024;
    static final int MAX_REPLY_BUTTONS = 3;
    static final int MAX_BUTTON_ID = 256;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_LIST_BUTTON_TEXT = 20;
    static final int MAX_SECTIONS = 10;
    static final int MAX_ROWS = 10;
    static final int MAX_SECTION_TITLE = 24;
    static final int MAX_ROW_ID = 200;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_DESCRIPTION = 72;

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
    /** Meta's template languages: {@code en}, {@code fil}, {@code en_US}, {@code pt_BR}. */
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> TEMPLATE_BUTTON_TYPES = Set.of("quick_reply", "url", "copy_code");
    private static final List<String> MEDIA_HEADER_TYPES = List.of("image", "video", "document");

    /** Everything: the envelope and the content. */
    public List<FieldError> validate(SendRequest request) {
        List<FieldError> errors = new ArrayList<>(validateEnvelope(request));
        if (request.content() == null) {
            errors.add(new FieldError("content", "is required"));
        } else {
            errors.addAll(validateContent(request.content()));
        }
        return errors;
    }

    /** The fields around the content ({@code from}, {@code to}, {@code context.replyTo}, ...). */
    public List<FieldError> validateEnvelope(SendRequest request) {
        Errors e = new Errors();
        e.requiredText("from", request.from());
        e.required("to", request.to());
        e.maxLength("clientReference", request.clientReference(), MAX_CLIENT_REFERENCE);
        e.maxLength("identityHash", request.identityHash(), MAX_IDENTITY_HASH);
        Integer validity = request.validitySeconds();
        if (validity != null && (validity < 1 || validity > MAX_VALIDITY_SECONDS)) {
            e.add("validitySeconds", "must be between 1 and " + MAX_VALIDITY_SECONDS + " (30 days), got " + validity);
        }
        if (request.replyTo() != null) {
            e.optionalText("context.replyTo", request.replyTo(), MAX_REPLY_TO);
            if (request.content() instanceof Content.Reaction) {
                // WhatsApp refuses a reaction sent as a contextual reply.
                e.add("context.replyTo", "is not allowed on a reaction");
            }
        }
        return e.list;
    }

    /** The content alone; paths start with {@code content.}. */
    public List<FieldError> validateContent(Content content) {
        Errors e = new Errors();
        if (content instanceof Content.Text text) {
            e.requiredText("content.body", text.body(), MAX_TEXT);
        } else if (content instanceof Content.Media media) {
            media(media, e);
        } else if (content instanceof Content.Location location) {
            location(location, e);
        } else if (content instanceof Content.Contacts contacts) {
            contacts(contacts, e);
        } else if (content instanceof Content.Template template) {
            template(template, e);
        } else if (content instanceof Content.Buttons buttons) {
            buttons(buttons, e);
        } else if (content instanceof Content.ListMessage list) {
            list(list, e);
        } else if (content instanceof Content.Reaction reaction) {
            e.requiredText("content.messageId", reaction.messageId());
            if (reaction.emoji() == null) {
                e.add("content.emoji", "is required (an empty string removes the reaction)");
            }
        }
        return e.list;
    }

    // --- media and location ---------------------------------------------------------------------------

    private static void media(Content.Media media, Errors e) {
        ContentType kind = media.kind();
        mediaSource("content", media.url(), media.mediaId(), e);
        if (media.caption() != null && (kind == ContentType.AUDIO || kind == ContentType.STICKER)) {
            e.add("content.caption", "is not allowed on " + kind.wireName());
        } else {
            e.maxLength("content.caption", media.caption(), MAX_CAPTION);
        }
        filename("content.filename", media.filename(), kind == ContentType.DOCUMENT, e);
    }

    /** Media is either hosted by the sender ({@code url}) or uploaded before ({@code mediaId}), never both. */
    private static void mediaSource(String path, String url, String mediaId, Errors e) {
        if (url == null && mediaId == null) {
            e.add(path + ".url", "url or mediaId is required");
        } else if (url != null && mediaId != null) {
            e.add(path + ".mediaId", "must not be given together with url");
        } else if (url != null) {
            e.url(path + ".url", url);
        } else {
            e.requiredText(path + ".mediaId", mediaId);
        }
    }

    private static void filename(String path, String filename, boolean allowed, Errors e) {
        if (filename != null && !allowed) {
            e.add(path, "is only allowed on document");
        } else {
            e.maxLength(path, filename, MAX_FILENAME);
        }
    }

    private static void location(Content.Location location, Errors e) {
        e.range("content.latitude", location.latitude(), 90);
        e.range("content.longitude", location.longitude(), 180);
        e.maxLength("content.name", location.name(), MAX_LOCATION_TEXT);
        e.maxLength("content.address", location.address(), MAX_LOCATION_TEXT);
    }

    // --- contacts ---------------------------------------------------------------------------------------

    private static void contacts(Content.Contacts contacts, Errors e) {
        if (e.count("content.contacts", contacts.contacts(), 1, MAX_CONTACTS, "contacts")) {
            e.each("content.contacts", contacts.contacts(), (card, path) -> contact(card, path, e));
        }
    }

    private static void contact(ContactCard card, String path, Errors e) {
        ContactCard.Name name = card.name();
        if (name == null || (isBlank(name.formatted()) && isBlank(name.first()))) {
            e.add(path + ".name", "needs formatted or first");
        }
        e.each(path + ".phones", card.phones(), (phone, p) -> e.requiredText(p + ".number", phone.number()));
        e.each(path + ".emails", card.emails(), (email, p) -> {
            if (email.email() == null || !EMAIL.matcher(email.email()).matches()) {
                e.add(p, "must be an email address like name@example.com");
            }
        });
        e.each(path + ".urls", card.urls(), (url, p) -> e.url(p, url.url()));
    }

    // --- template ---------------------------------------------------------------------------------------

    private static void template(Content.Template template, Errors e) {
        if (e.required("content.name", template.name()) && !TEMPLATE_NAME.matcher(template.name()).matches()) {
            e.add("content.name", "must be 1 to 512 lowercase letters, digits or underscores");
        }
        if (e.required("content.language", template.language())
                && !LANGUAGE.matcher(template.language()).matches()) {
            e.add("content.language", "must be a language code like en, en_US or pt_BR");
        }
        header("content.header", template.header(), true, e);
        e.each("content.body", template.body(),
                (parameter, path) -> e.requiredText(path, parameter, MAX_TEMPLATE_PARAMETER));
        if (e.count("content.buttons", template.buttons(), 0, MAX_TEMPLATE_BUTTON_INDEX + 1, "buttons")) {
            Map<Integer, String> indexes = new HashMap<>();
            e.each("content.buttons", template.buttons(), (button, path) -> templateButton(button, path, indexes, e));
        }
    }

    private static void templateButton(Content.TemplateButton button, String path, Map<Integer, String> seen,
                                       Errors e) {
        Integer index = button.index();
        if (e.required(path + ".index", index)) {
            if (index < 0 || index > MAX_TEMPLATE_BUTTON_INDEX) {
                e.add(path + ".index", "must be between 0 and " + MAX_TEMPLATE_BUTTON_INDEX + ", got " + index);
            } else {
                e.unique(path + ".index", index, seen);
            }
        }
        String subType = button.subType();
        if (!e.required(path + ".subType", subType)) {
            return;
        }
        switch (subType) {
            case "quick_reply" -> e.requiredText(path + ".payload", button.payload(), MAX_QUICK_REPLY_PAYLOAD);
            case "url" -> e.requiredText(path + ".text", button.text(), MAX_URL_BUTTON_TEXT);
            case "copy_code" -> e.requiredText(path + ".text", button.text(), MAX_COPY_CODE);
            default -> e.add(path + ".subType", "must be one of " + String.join(", ", sorted(TEMPLATE_BUTTON_TYPES))
                    + ", got " + quote(subType));
        }
    }

    // --- interactive: buttons and list ------------------------------------------------------------------

    private static void buttons(Content.Buttons buttons, Errors e) {
        e.requiredText("content.body", buttons.body(), MAX_BUTTONS_BODY);
        header("content.header", buttons.header(), true, e);
        e.maxLength("content.footer", buttons.footer(), MAX_FOOTER);
        if (e.count("content.buttons", buttons.buttons(), 1, MAX_REPLY_BUTTONS, "buttons")) {
            Map<String, String> ids = new HashMap<>();
            e.each("content.buttons", buttons.buttons(), (button, path) -> {
                if (e.requiredText(path + ".id", button.id(), MAX_BUTTON_ID)) {
                    e.unique(path + ".id", button.id(), ids);
                }
                e.requiredText(path + ".title", button.title(), MAX_BUTTON_TITLE);
            });
        }
    }

    private static void list(Content.ListMessage list, Errors e) {
        e.requiredText("content.body", list.body(), MAX_TEXT);
        e.requiredText("content.buttonText", list.buttonText(), MAX_LIST_BUTTON_TEXT);
        header("content.header", list.header(), false, e);
        e.maxLength("content.footer", list.footer(), MAX_FOOTER);
        List<Content.Section> sections = list.sections();
        if (!e.count("content.sections", sections, 1, MAX_SECTIONS, "sections")) {
            return;
        }
        Map<String, String> rowIds = new HashMap<>();
        e.each("content.sections", sections, (section, path) -> section(section, path, sections.size() > 1, rowIds, e));
        int rows = sections.stream().filter(s -> s != null && s.rows() != null).mapToInt(s -> s.rows().size()).sum();
        if (rows > MAX_ROWS) {
            e.add("content.sections", "must have at most " + MAX_ROWS + " rows in total, got " + rows);
        }
    }

    private static void section(Content.Section section, String path, boolean titleRequired,
                                Map<String, String> rowIds, Errors e) {
        if (titleRequired && isBlank(section.title())) {
            e.add(path + ".title", "is required when there is more than one section");
        } else {
            e.maxLength(path + ".title", section.title(), MAX_SECTION_TITLE);
        }
        if (section.rows() == null || section.rows().isEmpty()) {
            e.add(path + ".rows", "must have at least 1 row");
            return;
        }
        e.each(path + ".rows", section.rows(), (row, p) -> {
            if (e.requiredText(p + ".id", row.id(), MAX_ROW_ID)) {
                e.unique(p + ".id", row.id(), rowIds);
            }
            e.requiredText(p + ".title", row.title(), MAX_ROW_TITLE);
            e.maxLength(p + ".description", row.description(), MAX_ROW_DESCRIPTION);
        });
    }

    /** Template and reply-button headers may be text or media; list headers only text. */
    private static void header(String path, Content.Header header, boolean mediaAllowed, Errors e) {
        if (header == null) {
            return;
        }
        String type = header.type();
        if (header.isText()) {
            e.requiredText(path + ".text", header.text(), MAX_HEADER_TEXT);
            filename(path + ".filename", header.filename(), false, e);
        } else if (mediaAllowed && type != null && MEDIA_HEADER_TYPES.contains(type)) { // List.of(): no nulls
            mediaSource(path, header.url(), header.mediaId(), e);
            filename(path + ".filename", header.filename(), "document".equals(type), e);
        } else {
            String allowed = mediaAllowed ? "text, image, video or document" : "text";
            e.add(path + ".type", "must be " + allowed + (type == null ? "" : ", got " + quote(type)));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Quotes a client value for a message, cut short so an error never echoes a whole payload. */
    static String quote(String value) {
        String cut = value.codePointCount(0, value.length()) > 40
                ? value.substring(0, value.offsetByCodePoints(0, 40)) + "..." : value;
        return "\"" + cut + "\"";
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** Collects errors; each check reports at most one error for its path. */
    private static final class Errors {
        final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }

        boolean required(String field, Object value) {
            if (value == null) {
                add(field, "is required");
                return false;
            }
            return true;
        }

        boolean requiredText(String field, String value) {
            return requiredText(field, value, Integer.MAX_VALUE);
        }

        /** Present, not blank, and at most {@code max} characters. */
        boolean requiredText(String field, String value, int max) {
            return required(field, value) && optionalText(field, value, max);
        }

        /** Absent, or not blank and at most {@code max} characters. */
        boolean optionalText(String field, String value, int max) {
            if (value != null && value.isBlank()) {
                add(field, "must not be blank");
                return false;
            }
            return maxLength(field, value, max);
        }

        /** Counts code points, so an emoji is one character as a user sees it (mostly) and as WhatsApp counts. */
        boolean maxLength(String field, String value, int max) {
            if (value == null) {
                return true;
            }
            int length = value.codePointCount(0, value.length());
            if (length > max) {
                add(field, "must be at most " + max + " characters, got " + length);
                return false;
            }
            return true;
        }

        /** Required, within -limit..limit (degrees). */
        void range(String field, Double value, int limit) {
            if (required(field, value) && !(value >= -limit && value <= limit)) {
                add(field, "must be between -" + limit + " and " + limit + ", got " + value);
            }
        }

        void url(String field, String value) {
            if (!isHttpUrl(value)) {
                add(field, "must be an absolute http or https URL");
            }
        }

        /** Between min and max items; null counts as none. Returns whether the items are worth checking. */
        boolean count(String field, List<?> items, int min, int max, String noun) {
            int size = items == null ? 0 : items.size();
            if (size >= min && size <= max) {
                return true;
            }
            String expected = min == 0 ? "at most " + max : min + " to " + max;
            add(field, "must have " + expected + " " + noun + ", got " + size);
            return size > 0;
        }

        /** Visits each item with its path ({@code field[i]}); a null item is an error of its own. */
        <T> void each(String field, List<T> items, BiConsumer<T, String> check) {
            if (items == null) {
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                String path = field + "[" + i + "]";
                if (items.get(i) == null) {
                    add(path, "must not be null");
                } else {
                    check.accept(items.get(i), path);
                }
            }
        }

        /** Records where {@code value} was first seen; a repeat names that first place. */
        <K> void unique(String field, K value, Map<K, String> seen) {
            String first = seen.putIfAbsent(value, field);
            if (first != null) {
                add(field, "must be unique, " + first + " has the same value");
            }
        }

        private static boolean isHttpUrl(String value) {
            if (value == null) {
                return false;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                return uri.isAbsolute() && uri.getHost() != null
                        && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
            } catch (java.net.URISyntaxException ex) {
                return false;
            }
        }
    }
}
