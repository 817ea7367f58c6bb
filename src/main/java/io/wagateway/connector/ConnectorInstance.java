package io.wagateway.connector;

import java.util.Map;

/** One configured connector: {@code gateway.connectors.<id>}, with the settings of its type. */
public record ConnectorInstance(String id, String type, Map<String, String> settings) {

    public String setting(String key) { return settings.get(key); }

    public String setting(String key, String fallback) { return settings.getOrDefault(key, fallback); }

    public String require(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("connector " + id + " has no '" + key + "' setting");
        }
        return value;
    }
}
