package io.wagateway.connector.cloudapi;

/**
 * The useful part of a successful send: {@code messages[0].id}, {@code messages[0].message_status} (templates only,
 * e.g. "accepted" or "held_for_quality_assessment"), {@code contacts[0].wa_id} and {@code contacts[0].user_id}.
 */
public record SendResponse(String messageId, String messageStatus, String waId, String userId) {}
