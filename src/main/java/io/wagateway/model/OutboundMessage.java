package io.wagateway.model;

import java.time.Instant;

/** A message as accepted by the gateway and handed to a connector. */
public record OutboundMessage(String id, String appId, String senderId, Recipient to, String clientReference,
                              Content content, String replyTo, String identityHash, Instant acceptedAt,
                              Instant validUntil) {

    /** The same message quoting or reacting to other ids (the provider's, where the app gave ours). */
    public OutboundMessage withReferences(String newReplyTo, Content newContent) {
        return new OutboundMessage(id, appId, senderId, to, clientReference, newContent, newReplyTo, identityHash,
                acceptedAt, validUntil);
    }

    public OutboundMessage withIdentityHash(String hash) {
        return new OutboundMessage(id, appId, senderId, to, clientReference, content, replyTo, hash, acceptedAt,
                validUntil);
    }
}
