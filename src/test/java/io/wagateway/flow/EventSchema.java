package io.wagateway.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The published JSON Schema of the event envelope (docs/event.schema.json), for checking what tests receive. */
final class EventSchema {

    private static final JsonSchema SCHEMA = load();

    private EventSchema() {}

    /** The violations of one event, empty when it is valid. */
    static Set<String> violations(JsonNode event) {
        return SCHEMA.validate(event).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(Path.of("docs/event.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
