package io.wagateway.model;

import java.util.Arrays;
import java.util.Optional;

/** The contract's {@code content.type} names (fixed) and the record each is read into. */
public enum ContentType {
    TEXT("text", Content.Text.class),
    IMAGE("image", Content.Media.class),
    VIDEO("video", Content.Media.class),
    AUDIO("audio", Content.Media.class),
    DOCUMENT("document", Content.Media.class),
    STICKER("sticker", Content.Media.class),
    LOCATION("location", Content.Location.class),
    CONTACTS("contacts", Content.Contacts.class),
    TEMPLATE("template", Content.Template.class),
    BUTTONS("buttons", Content.Buttons.class),
    LIST("list", Content.ListMessage.class),
    REACTION("reaction", Content.Reaction.class);

    private final String wireName;
    private final Class<? extends Content> recordType;

    ContentType(String wireName, Class<? extends Content> recordType) {
        this.wireName = wireName;
        this.recordType = recordType;
    }

    public String wireName() { return wireName; }

    public Class<? extends Content> recordType() { return recordType; }

    public boolean isMedia() { return recordType == Content.Media.class; }

    public static Optional<ContentType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
