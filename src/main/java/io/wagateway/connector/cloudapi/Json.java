package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small tolerant readers for provider JSON, where a field may be a string or a number, or absent. */
final class Json {

    private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

    /** Seconds since 1970 stay below this until the year 5138; anything larger must be milliseconds. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private Json() {}

    /** A scalar as text (numbers too, since Meta sends codes as numbers and ids as strings); null if absent or blank. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String text = node.isNumber() ? node.numberValue().toString() : node.asText();
        return text.isBlank() ? null : text;
    }

    /** The node if it is an array, else an empty array, so that a wrong shape reads as "nothing here". */
    static JsonNode array(JsonNode node) {
        return node != null && node.isArray() ? node : EMPTY;
    }

    /** A boolean, or null when absent or not a boolean-like value. */
    static Boolean bool(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText();
        return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }

    /** A number given as a JSON number or a numeric string; null when absent or not a number. */
    static Double decimal(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A whole number given as a JSON number or a numeric string; null when absent or not one. */
    static Long integer(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return node.isNumber() ? node.asLong() : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Unix seconds as a string or a number; milliseconds are recognised by size. Null when absent or unreadable. */
    static Instant instant(JsonNode node) {
        Long value = integer(node);
        if (value == null) {
            return null;
        }
        return value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }

    /**
     * An object as plain Java values with camelCase keys ({@code source_url} becomes {@code sourceUrl}), the way
     * the gateway's own JSON is spelled; empty when the node is not an object.
     */
    static Map<String, Object> camelCaseMap(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(field -> {
                Object value = plain(field.getValue());
                if (value != null) {
                    map.put(camelCase(field.getKey()), value);
                }
            });
        }
        return map;
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            return camelCaseMap(node);
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
