package io.wagateway.connector.cm;

/** A webhook body that cannot be read at all; the connector answers 400 and keeps nothing. */
class CmWebhookException extends RuntimeException {

    CmWebhookException(String message) {
        super(message);
    }
}
