package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Small tolerant readers for provider JSON, where a field may be a string or a number, or absent. */
final class Json {

    private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

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
}
