package io.wagateway.broker;

/** The broker would not take a message now; nothing of the refused caller's was sent to it. */
public class BrokerUnavailableException extends IllegalStateException {

    public BrokerUnavailableException(String reason) {
        super(reason + "; nothing was queued");
    }
}
