package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Tolerant readers for CM's JSON. CM's own material spells keys in several cases ({@code productToken} and
 * {@code producttoken}) and sends every status-report value as a string, so lookups ignore case and scalars are
 * read as text whatever their JSON type.
 */
final class CmJson {

    private CmJson() {}

    /** The member {@code name}, matched exactly first and then ignoring case; a missing node when absent. */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    /** Follows a path of member names, each matched ignoring case. */
    static JsonNode path(JsonNode node, String... names) {
        JsonNode current = node;
        for (String name : names) {
            current = field(current, name);
        }
        return current;
    }

    /** A scalar as text, numbers included; null when absent, null, a container or blank. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String text = node.isNumber() ? node.numberValue().toString() : node.asText();
        return text.isBlank() ? null : text.strip();
    }

    /** A number given as a JSON number or a numeric string; null otherwise. */
    static Double number(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The elements of an array, or the node itself when CM sent a single object where a list may appear. */
    static List<JsonNode> elements(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        }
        return List.of(node);
    }
}
