package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * CM.com as the simulator plays it (providers/cm-api.md):
 * <ul>
 *   <li>{@code POST /v1.0/message} answers per message, Accepted or Rejected with CM's code, then status reports
 *       follow on the gateway's webhook with the connector's secret in the URL: accepted (0), delivered (2) and
 *       read (4). Without a product token the whole request fails with 101, as at CM.</li>
 *   <li>Recipient suffixes: 99 fails later as outside the service window (3 with standard error 40), 98 fails later
 *       without a standard error, 96 is rejected at once as blacklisted (402), 95 meets a CM outage (HTTP 500).</li>
 *   <li>{@code POST /v1.0/event} (mark as read) answers OK; {@code GET /fileproxy/files/{id}} serves a small PNG,
 *       like CM's media proxy.</li>
 * </ul>
 */
@Component
class CmSimulation extends ProviderSimulation {

    static final String NAME = "cm-simulation";

    /** Recipient suffix -> the standard error of the failure report ("" for none). */
    static final Map<String, String> FAILURES = Map.of("99", "40", "98", "");
    static final String BLACKLISTED = "96";
    static final String OUTAGE = "95";

    /** A 1x1 transparent PNG: the file behind every simulated media URL. */
    static final byte[] MEDIA = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static final DateTimeFormatter RECEIVED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);


    CmSimulation(ObjectMapper mapper) {
        super(mapper);
    }


    @Override
    public void stub(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/sim/[^/]+/v1\\.0/(message|event)"))
                .willReturn(aResponse().withTransformers(NAME)));
        server.stubFor(get(urlPathMatching("/sim/[^/]+/fileproxy/files/[^/]+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(MEDIA)));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        // path: /sim/{connectorId}/v1.0/{message|event}
        String[] path = serveEvent.getRequest().getUrl().split("\\?")[0].split("/");
        String connectorId = path[2];
        JsonNode request;
        try {
            request = mapper.readTree(serveEvent.getRequest().getBody());
        } catch (IOException e) {
            return answer(400, "Request malformed", 202, mapper.createArrayNode());
        }
        String token = serveEvent.getRequest().getHeader("X-CM-PRODUCTTOKEN");
        if ((token == null || token.isBlank()) && field(field(field(request, "messages"), "authentication"),
                "producttoken").asText("").isBlank()) {
            return answer(400, "No account found for the given authentication", 101, mapper.createArrayNode());
        }
        if ("event".equals(path[4])) {
            return json(200, "{}");
        }
        return message(connectorId, request);
    }

    private ResponseDefinition message(String connectorId, JsonNode request) {
        ArrayNode entries = mapper.createArrayNode();
        List<WebhookPoster.Webhook> reports = new ArrayList<>();
        int created = 0;
        for (JsonNode msg : items(field(field(request, "messages"), "msg"))) {
            String reference = field(msg, "reference").isTextual() ? field(msg, "reference").asText() : null;
            boolean hasBody = !field(field(msg, "body"), "content").asText("").isBlank();
            for (JsonNode to : items(field(msg, "to"))) {
                String number = field(to, "number").asText("");
                ObjectNode entry = entries.addObject().put("to", number).put("reference", reference);
                if (number.endsWith(OUTAGE)) {
                    return answer(500, "Internal server error", 500, mapper.createArrayNode());
                }
                if (!hasBody) {
                    reject(entry, 304, "A body without content was found");
                } else if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
                    reject(entry, 303, "Gsm '" + number + "' is not a number.");
                } else if (number.endsWith(BLACKLISTED)) {
                    reject(entry, 402, "Recipient is blacklisted (simulated)");
                } else {
                    entry.put("status", "Accepted").put("parts", 1).putNull("messageDetails")
                            .put("messageErrorCode", 0);
                    created++;
                    if (reference != null) {
                        reports.addAll(reports(connectorId, number, reference));
                    }
                }
            }
        }
        poster.postInTurn(reports);
        int errorCode = created == entries.size() ? 0 : 201;
        return answer(created == 0 && !entries.isEmpty() ? 400 : 200, "Created " + created + " message(s)",
                errorCode, entries);
    }

    private static void reject(ObjectNode entry, int code, String details) {
        entry.put("status", "Rejected").put("parts", 0).put("messageDetails", details).put("messageErrorCode", code);
    }

    private List<WebhookPoster.Webhook> reports(String connectorId, String number, String reference) {
        String failure = FAILURES.entrySet().stream().filter(e -> number.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String secret = connectorSettings.apply(connectorId).getOrDefault("webhook-secret", "");
        String path = "/webhooks/" + connectorId + "?secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<WebhookPoster.Webhook> webhooks = new ArrayList<>();
        webhooks.add(report(path, number, reference, now, "0", "", ""));
        if (failure == null) {
            webhooks.add(report(path, number, reference, now, "2", "", ""));
            webhooks.add(report(path, number, reference, now, "4", "", ""));
        } else {
            webhooks.add(report(path, number, reference, now, "3", failure,
                    failure.isEmpty() ? "" : "24 hour window closed (simulated)"));
        }
        return webhooks;
    }

    /** CM's JSON status report: every value a string, as CM fills its template. */
    private WebhookPoster.Webhook report(String path, String number, String reference, Instant received, String code,
                                         String errorCode, String errorDescription) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode msg = root.putObject("messages").putObject("msg")
                .put("received", RECEIVED.format(received)).put("to", number).put("reference", reference);
        msg.putObject("status").put("code", code).put("errorCode", errorCode).put("errorDescription", errorDescription);
        msg.put("operator", "");
        return new WebhookPoster.Webhook(path, Map.of("Content-Type", "application/json"),
                root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ResponseDefinition answer(int status, String details, int errorCode, ArrayNode messages) {
        ObjectNode body = mapper.createObjectNode().put("details", details).put("errorCode", errorCode);
        body.set("messages", messages);
        return json(status, body.toString());
    }

    /** A member ignoring case, as CM reads JSON keys; a missing node when absent. */
    private static JsonNode field(JsonNode node, String name) {
        if (node != null && node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return node.get(key);
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** An array's elements, or a single object as a list of one. */
    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isObject()) {
            items.add(node);
        }
        return items;
    }

    // WireMock shades its own Jackson, so bodies go over as strings.
    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
