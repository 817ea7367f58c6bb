package io.wagateway.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a message carries. The {@code type} names are fixed by the public contract; {@link ContentType}
 * maps each to its record.
 */
public sealed interface Content
        permits Content.Text, Content.Media, Content.Location, Content.Contacts, Content.Template,
                Content.Buttons, Content.ListMessage, Content.Reaction {

    @JsonIgnore
    ContentType contentType();

    record Text(String body, Boolean previewUrl) implements Content {
        public ContentType contentType() { return ContentType.TEXT; }
    }

    /** image, video, audio, document and sticker share one shape; {@code kind} says which. */
    record Media(@JsonIgnore ContentType kind, String url, String mediaId, String caption, String filename)
            implements Content {
        public ContentType contentType() { return kind; }
    }

    record Location(Double latitude, Double longitude, String name, String address) implements Content {
        public ContentType contentType() { return ContentType.LOCATION; }
    }

    record Contacts(java.util.List<ContactCard> contacts) implements Content {
        public ContentType contentType() { return ContentType.CONTACTS; }
    }

    record Template(String name, String language, String category, Header header,
                    java.util.List<String> body, java.util.List<TemplateButton> buttons) implements Content {
        public ContentType contentType() { return ContentType.TEMPLATE; }
    }

    record Buttons(String body, Header header, String footer, java.util.List<ReplyButton> buttons) implements Content {
        public ContentType contentType() { return ContentType.BUTTONS; }
    }

    record ListMessage(String body, String buttonText, Header header, String footer,
                       java.util.List<Section> sections) implements Content {
        public ContentType contentType() { return ContentType.LIST; }
    }

    record Reaction(String messageId, String emoji) implements Content {
        public ContentType contentType() { return ContentType.REACTION; }
    }

    /** A header: text, or media (image, video, document) by url or media id. A bare string means text. */
    record Header(String type, String text, String url, String mediaId, String filename) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static Header ofText(String text) { return new Header("text", text, null, null, null); }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        public static Header of(@com.fasterxml.jackson.annotation.JsonProperty("type") String type,
                                @com.fasterxml.jackson.annotation.JsonProperty("text") String text,
                                @com.fasterxml.jackson.annotation.JsonProperty("url") String url,
                                @com.fasterxml.jackson.annotation.JsonProperty("mediaId") String mediaId,
                                @com.fasterxml.jackson.annotation.JsonProperty("filename") String filename) {
            return new Header(type == null && text != null ? "text" : type, text, url, mediaId, filename);
        }

        @JsonIgnore
        public boolean isText() { return "text".equals(type); }
    }

    record TemplateButton(Integer index, String subType, String payload, String text) {}

    record ReplyButton(String id, String title) {}

    record Section(String title, java.util.List<Row> rows) {}

    record Row(String id, String title, String description) {}
}
