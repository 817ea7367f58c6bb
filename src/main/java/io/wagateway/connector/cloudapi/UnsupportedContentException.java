package io.wagateway.connector.cloudapi;

import io.wagateway.model.ContentType;

/** The dialect cannot carry this content (a type, or a part of one such as a media header on a list). */
public class UnsupportedContentException extends IllegalArgumentException {

    private final transient ContentType type;

    public UnsupportedContentException(ContentType type) {
        this(type, "content type '" + type.wireName() + "' is not supported by the Cloud API dialect");
    }

    public UnsupportedContentException(ContentType type, String message) {
        super(message);
        this.type = type;
    }

    public ContentType type() { return type; }
}
