package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Meta's Cloud API as the simulator plays it: {@code POST /{version}/{phone-number-id}/messages} answers with a
 * wamid, then {@code sent}, {@code delivered} and {@code read} status webhooks follow, signed with the connector's
 * app secret. Recipients ending in one of {@link #FAILURES}' suffixes get a {@code failed} status instead.
 */
@Component
class MetaSimulation implements ProviderSimulation {

    static final String NAME = "meta-simulation";

    /** Recipient number suffix -> the Meta error code its message fails with. */
    static final Map<String, Integer> FAILURES = Map.of(
            "99", 131047,   // more than 24 h since the user wrote: outside the service window
            "98", 131026,   // not a WhatsApp user / undeliverable
            "97", 137000);  // identity key hash mismatch

    private static final Map<Integer, String> FAILURE_TITLES = Map.of(
            131047, "Re-engagement message", 131026, "Message undeliverable", 137000, "Identity key hash mismatch");

    private final ObjectMapper mapper;
    private WebhookPoster poster;
    private Function<String, Map<String, String>> connectorSettings;

    MetaSimulation(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void attach(SimulationContext context) {
        this.poster = context.poster();
        this.connectorSettings = context.connectorSettings();
    }

    @Override
    public void stub(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/sim/[^/]+/[^/]+/[^/]+/messages"))
                .willReturn(aResponse().withTransformers(NAME)));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        // path: /sim/{connectorId}/{version}/{phoneNumberId}/messages
        String[] path = serveEvent.getRequest().getUrl().split("\\?")[0].split("/");
        String connectorId = path[2];
        String phoneNumberId = path[4];
        JsonNode request;
        try {
            request = mapper.readTree(serveEvent.getRequest().getBody());
        } catch (IOException e) {
            return error(400, 100, "Invalid parameter");
        }
        String to = request.path("to").asText(request.path("recipient").asText(""));
        String waId = to.replaceAll("[^0-9]", "");
        String wamid = "wamid.SIM" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

        ObjectNode response = mapper.createObjectNode().put("messaging_product", "whatsapp");
        response.putArray("contacts").addObject().put("input", to).put("wa_id", waId);
        response.putArray("messages").addObject().put("id", wamid).put("message_status", "accepted");

        poster.postInTurn(receipts(connectorId, phoneNumberId, request, waId, wamid));
        return json(200, response.toString());
    }

    private List<WebhookPoster.Webhook> receipts(String connectorId, String phoneNumberId, JsonNode request,
                                                 String waId, String wamid) {
        Integer failure = FAILURES.entrySet().stream().filter(e -> waId.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        List<String> statuses = failure != null ? List.of("failed") : List.of("sent", "delivered", "read");
        String secret = connectorSettings.apply(connectorId).getOrDefault("app-secret", "");
        List<WebhookPoster.Webhook> webhooks = new ArrayList<>();
        for (String status : statuses) {
            byte[] body = statusWebhook(phoneNumberId, request, waId, wamid, status, failure);
            webhooks.add(new WebhookPoster.Webhook("/webhooks/" + connectorId,
                    Map.of("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=" + sign(secret, body)),
                    body));
        }
        return webhooks;
    }

    private byte[] statusWebhook(String phoneNumberId, JsonNode request, String waId, String wamid, String status,
                                 Integer failure) {
        ObjectNode root = mapper.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", "100000000000000")
                .putArray("changes").addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550001111").put("phone_number_id", phoneNumberId);
        ObjectNode statusNode = value.putArray("statuses").addObject()
                .put("id", wamid).put("status", status)
                .put("timestamp", Long.toString(Instant.now().getEpochSecond()))
                .put("recipient_id", waId);
        if (request.hasNonNull("biz_opaque_callback_data")) {
            statusNode.put("biz_opaque_callback_data", request.get("biz_opaque_callback_data").asText());
        }
        if ("sent".equals(status)) {
            boolean template = "template".equals(request.path("type").asText());
            statusNode.putObject("pricing").put("billable", template).put("pricing_model", "PMP")
                    .put("type", template ? "regular" : "free_customer_service")
                    .put("category", template ? "utility" : "service");
        }
        if (failure != null) {
            ArrayNode errors = statusNode.putArray("errors");
            errors.addObject().put("code", failure).put("title", FAILURE_TITLES.get(failure))
                    .put("message", FAILURE_TITLES.get(failure))
                    .putObject("error_data").put("details", "Simulated failure for numbers ending as this one");
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ResponseDefinition error(int httpStatus, int code, String title) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error").put("message", "(#" + code + ") " + title).put("type", "OAuthException")
                .put("code", code).put("fbtrace_id", "SIMULATOR");
        return json(httpStatus, body.toString());
    }

    // WireMock shades its own Jackson, so bodies go over as strings, not as our JsonNodes.
    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
