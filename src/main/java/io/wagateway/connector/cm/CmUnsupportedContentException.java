package io.wagateway.connector.cm;

/** The content, or a part of it, has no documented CM shape; the message says which part. */
class CmUnsupportedContentException extends IllegalArgumentException {

    CmUnsupportedContentException(String message) {
        super(message);
    }
}
