package io.wagateway.connector;

import java.time.Duration;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** One configured connector: {@code gateway.connectors.<id>}, with the settings of its type. */
public record ConnectorInstance(String id, String type, Map<String, String> settings) {

    public String setting(String key) { return settings.get(key); }

    public String setting(String key, String fallback) { return settings.getOrDefault(key, fallback); }

    /** The setting {@code timeout-ms} as a duration; {@code fallback} when it is absent or not a positive number. */
    public Duration timeout(Duration fallback) {
        String value = settings.get("timeout-ms");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the warning
        }
        LoggerFactory.getLogger(ConnectorInstance.class).warn("connector {} has an invalid 'timeout-ms'; using {} ms",
                id, fallback.toMillis());
        return fallback;
    }

    public String require(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("connector " + id + " has no '" + key + "' setting");
        }
        return value;
    }
}
