package io.wagateway.connector.webex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the synchronous answer of the send endpoint: {@code {"response": [ {code, transid, description} ]}} on
 * success, {@code {"response": {code, description, transid}}} (an object) on error. Both shapes are read the same;
 * for our single-destination sends the first item is the answer.
 */
final class WebexResponses {

    static final String QUEUED = "1001";

    /** One item of {@code response}. {@code code} is a string such as "1001" or "7001"; any part may be null. */
    record Reply(String code, String transid, String description) {
        boolean queued() { return QUEUED.equals(code); }
    }

    private final ObjectMapper mapper;

    WebexResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The reply in {@code body}, if it has a readable {@code response} with a code; empty otherwise. */
    Optional<Reply> read(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode response = root.path("response");
        JsonNode item = response.isArray() ? response.path(0) : response;
        if (!item.isObject()) {
            return Optional.empty();
        }
        Reply reply = new Reply(WebexJson.text(item.get("code")), WebexJson.text(item.get("transid")),
                WebexJson.text(item.get("description")));
        return reply.code() == null ? Optional.empty() : Optional.of(reply);
    }
}
