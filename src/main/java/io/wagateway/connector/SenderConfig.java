package io.wagateway.connector;

import java.util.Map;
import java.util.Optional;

/**
 * A sender as a connector needs it: the business number, the provider-side ids of that number, and the
 * provider's template ids by template name and language where a provider sends templates by id.
 */
public record SenderConfig(String id, String number, String connectorId, String phoneNumberId, String wabaId,
                           String appId, int throughput, boolean identityCheck, boolean markRead,
                           Map<String, Map<String, String>> templates) {

    public SenderConfig {
        templates = templates == null ? Map.of() : templates;
    }

    public Optional<String> templateId(String name, String language) {
        return Optional.ofNullable(templates.getOrDefault(name, Map.of()).get(language));
    }
}
