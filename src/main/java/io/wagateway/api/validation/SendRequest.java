package io.wagateway.api.validation;

import io.wagateway.model.Content;
import io.wagateway.model.Recipient;

/**
 * A {@code POST /v1/messages} body as read by {@link SendRequestReader}: {@code to} is normalised (E.164 or a
 * user id), {@code replyTo} is lifted out of {@code context}. Any field may be null until validated.
 */
public record SendRequest(String from, Recipient to, String clientReference, Content content, String replyTo,
                          String identityHash, Integer validitySeconds) {}
