package io.wagateway.connector.cloudapi;

import io.wagateway.model.ContentType;

/** The dialect cannot build this content type (yet); the message names the type. */
public class UnsupportedContentException extends IllegalArgumentException {

    private final transient ContentType type;

    public UnsupportedContentException(ContentType type) {
        super("content type '" + type.wireName() + "' is not supported by the Cloud API dialect yet");
        this.type = type;
    }

    public ContentType type() { return type; }
}
