package io.wagateway.connector.cloudapi;

/** The webhook body could not be read at all; the caller answers 400 and keeps nothing. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
