package io.wagateway.connector;

import io.wagateway.model.MessageError;
import java.time.Duration;

/** What came of one provider call. */
public sealed interface SendOutcome {

    /** The provider took the message and named it. {@code providerStatus} is its own word (e.g. "accepted"). */
    record Submitted(String providerMessageId, String providerStatus, String recipientWaId) implements SendOutcome {}

    /** The provider refused it, or could not be reached. {@code retryAfter} is the provider's hint, if any. */
    record Failed(MessageError error, Duration retryAfter) implements SendOutcome {
        public boolean retryable() { return error.retryable(); }
    }
}
