package io.wagateway.connector;

/**
 * A WhatsApp user as a provider named them: phone in +E.164 (when the provider gave it), WhatsApp id, the 2026
 * business-scoped user id, profile name and the identity key hash, when present.
 */
public record ContactRef(String phone, String waId, String userId, String name, String identityHash) {}
