package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Reads the synchronous answers of the send endpoint. Both methods are total: bad input gives an empty result. */
public final class CloudApiResponses {

    private final ObjectMapper mapper;

    public CloudApiResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A success body with a non-blank {@code messages[0].id}; empty when the body is not one. */
    public Optional<SendResponse> parseSendResponse(String body) {
        return readObject(body).flatMap(root -> {
            JsonNode message = root.path("messages").path(0);
            String id = Json.text(message.get("id"));
            if (id == null) {
                return Optional.empty();
            }
            JsonNode contact = root.path("contacts").path(0);
            return Optional.of(new SendResponse(id, Json.text(message.get("message_status")),
                    Json.text(contact.get("wa_id")), Json.text(contact.get("user_id"))));
        });
    }

    /** A Graph error body ({@code {"error": {...}}}); empty when the body is not one. */
    public Optional<GraphError> parseError(String body) {
        return readObject(body).map(root -> root.get("error")).filter(JsonNode::isObject).map(error ->
                new GraphError(Json.text(error.get("code")), Json.text(error.get("message")),
                        Json.text(error.get("type")), Json.text(error.path("error_data").get("details")),
                        Json.text(error.get("error_subcode")), Json.text(error.get("fbtrace_id"))));
    }

    private Optional<JsonNode> readObject(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
