package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Tolerant readers for Webex JSON: codes are strings, some fields are JSON held in a string, any may be missing. */
final class WebexJson {

    private WebexJson() {}

    /** A scalar as text (numbers too); null when absent, blank or not a scalar. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String text = node.isNumber() ? node.numberValue().toString() : node.asText();
        return text.isBlank() ? null : text.strip();
    }

    /** Webex spells booleans as strings ("true"); anything else is false. */
    static boolean flag(JsonNode node) {
        return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(text(node)));
    }

    /**
     * A field that Webex sends as JSON inside a string ({@code "attachments": "[{...}]"}); an object or array sent
     * as plain JSON is taken as is. Missing, empty or unreadable gives a missing node.
     */
    static JsonNode embedded(ObjectMapper mapper, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return MissingNode.getInstance();
        }
        if (node.isContainerNode()) {
            return node;
        }
        String text = node.asText("").strip();
        if (text.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode parsed = mapper.readTree(text);
            return parsed == null ? MissingNode.getInstance() : parsed;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** ISO-8601 with {@code Z} or an offset (the tenant's time zone), or without one (taken as UTC); else null. */
    static Instant instant(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** A number written as a JSON number or a string ("17.43"); null when absent or not a number. */
    static Double decimal(JsonNode node) {
        if (node != null && node.isNumber()) {
            return node.doubleValue();
        }
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
