package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Meta's Cloud API as the simulator plays it, under {@code /sim/{connectorId}}:
 * <ul>
 *   <li>{@code POST /{version}/{phone-number-id}/messages}: any content type is answered with a wamid; then
 *       {@code sent}, {@code delivered} and {@code read} status webhooks follow (a reaction gets only {@code sent},
 *       as on WhatsApp), signed with the connector's app secret. A mark-as-read call is answered
 *       {@code {"success":true}} and nothing follows.</li>
 *   <li>Failures on demand, by the last two digits of the recipient (phone number or user id):
 *       {@link #FAILURES} fail later in a {@code failed} status webhook; {@link #REFUSALS} are refused at once
 *       with a Graph error body and nothing follows.</li>
 *   <li>{@code GET /{version}/{media-id}} describes any media id as a small PNG whose {@code url} is
 *       {@code /sim/{connectorId}/lookaside/{media-id}}, which serves it. Both need a bearer token, as at Meta.</li>
 * </ul>
 */
@Component
class MetaSimulation extends ProviderSimulation {

    static final String NAME = "meta-simulation";

    /** Recipient suffix -> the Meta error code of the {@code failed} status its message gets. */
    static final Map<String, Integer> FAILURES = Map.of(
            "99", 131047,   // more than 24 h since the user wrote: outside the service window
            "98", 131026,   // not a WhatsApp user / undeliverable
            "97", 137000);  // identity key hash mismatch

    /** A synchronous refusal: the HTTP status, Graph error code and title, and a Retry-After header if any. */
    record Refusal(int httpStatus, int code, String title, String retryAfter) {}

    /** Recipient suffix -> the refusal its send gets at once. */
    static final Map<String, Refusal> REFUSALS = Map.of(
            "96", new Refusal(400, 131009, "Parameter value is not valid", null),
            "95", new Refusal(429, 130429, "Rate limit hit", "1"));

    private static final Map<Integer, String> FAILURE_TITLES = Map.of(
            131047, "Re-engagement message", 131026, "Message undeliverable", 137000, "Identity key hash mismatch");

    /** A 1x1 transparent PNG: the file behind every simulated media id. */
    static final byte[] MEDIA = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    static final String MEDIA_TYPE = "image/png";


    private StatusBatcher batcher;

    MetaSimulation(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    public void attach(SimulationContext context) {
        super.attach(context);
        batcher = new StatusBatcher(poster, this::statusWebhook, context.statusesPerWebhook());
    }


    @Override
    public void stub(WireMockServer server) {
        String bearer = "Bearer .+";
        server.stubFor(post(urlPathMatching("/sim/[^/]+/[^/]+/[^/]+/messages"))
                .willReturn(aResponse().withTransformers(NAME)));
        server.stubFor(get(urlPathMatching("/sim/[^/]+/lookaside/[^/]+")).atPriority(1)
                .withHeader("Authorization", matching(bearer))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", MEDIA_TYPE).withBody(MEDIA)));
        server.stubFor(get(urlPathMatching("/sim/[^/]+/[^/]+/[^/]+")).atPriority(2)
                .withHeader("Authorization", matching(bearer))
                .willReturn(aResponse().withTransformers(NAME)));
        server.stubFor(get(urlPathMatching("/sim/.*")).atPriority(3)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(graphError(190, "Error validating access token").toString())));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        // paths: /sim/{connectorId}/{version}/{phoneNumberId}/messages, or /sim/{connectorId}/{version}/{mediaId}
        String[] path = serveEvent.getRequest().getUrl().split("\\?")[0].split("/");
        if (RequestMethod.GET.equals(serveEvent.getRequest().getMethod())) {
            return mediaLookup(serveEvent.getRequest().getAbsoluteUrl(), path[2], path[4]);
        }
        JsonNode request;
        try {
            request = mapper.readTree(serveEvent.getRequest().getBody());
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return json(400, graphError(100, "Invalid parameter").toString());
        }
        if ("read".equals(request.path("status").asText())) {
            return json(200, "{\"success\":true}");
        }
        return send(path[2], path[4], request);
    }

    private ResponseDefinition send(String connectorId, String phoneNumberId, JsonNode request) {
        boolean byUserId = !request.hasNonNull("to") && request.hasNonNull("recipient");
        String to = request.path(byUserId ? "recipient" : "to").asText("");
        String digits = to.replaceAll("[^0-9]", "");
        Refusal refusal = bySuffix(REFUSALS, digits);
        if (refusal != null) {
            ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(refusal.httpStatus()).withHeader("Content-Type", "application/json")
                    .withBody(graphError(refusal.code(), refusal.title()).toString());
            return refusal.retryAfter() == null ? answer.build()
                    : answer.withHeader("Retry-After", refusal.retryAfter()).build();
        }
        String wamid = "wamid.SIM" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode response = mapper.createObjectNode().put("messaging_product", "whatsapp");
        response.putArray("contacts").addObject().put("input", to).put(byUserId ? "user_id" : "wa_id",
                byUserId ? to : digits);
        ObjectNode message = response.putArray("messages").addObject().put("id", wamid);
        if ("template".equals(request.path("type").asText())) {
            message.put("message_status", "accepted");   // Meta reports template pacing here
        }
        Recipient recipient = new Recipient(byUserId ? null : digits, byUserId ? to : null);
        batcher.add(connectorId, phoneNumberId, receipts(request, recipient, wamid));
        return json(200, response.toString());
    }

    /** Who a message went to, as status webhooks name them: a wa_id, or a business-scoped user id. */
    private record Recipient(String waId, String userId) {}

    private List<ObjectNode> receipts(JsonNode request, Recipient recipient, String wamid) {
        Integer failure = bySuffix(FAILURES, recipient.waId() != null ? recipient.waId()
                : recipient.userId().replaceAll("[^0-9]", ""));
        List<String> statuses = failure != null ? List.of("failed")
                : "reaction".equals(request.path("type").asText()) ? List.of("sent")
                : List.of("sent", "delivered", "read");
        List<ObjectNode> receipts = new ArrayList<>();
        for (String status : statuses) {
            receipts.add(statusObject(request, recipient, wamid, status, failure));
        }
        return receipts;
    }

    /** One webhook carrying {@code statuses} for one business number, signed with the connector's app secret. */
    WebhookPoster.Webhook statusWebhook(String connectorId, String phoneNumberId, List<ObjectNode> statuses) {
        ObjectNode root = mapper.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", "100000000000000")
                .putArray("changes").addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550001111").put("phone_number_id", phoneNumberId);
        value.putArray("statuses").addAll(statuses);
        byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
        String secret = connectorSettings.apply(connectorId).getOrDefault("app-secret", "");
        return new WebhookPoster.Webhook("/webhooks/" + connectorId,
                Map.of("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=" + sign(secret, body)), body);
    }

    private ObjectNode statusObject(JsonNode request, Recipient recipient, String wamid, String status,
                                    Integer failure) {
        ObjectNode statusNode = mapper.createObjectNode()
                .put("id", wamid).put("status", status)
                .put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        if (recipient.waId() != null) {
            statusNode.put("recipient_id", recipient.waId());
        } else {
            statusNode.put("recipient_user_id", recipient.userId());
        }
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
            statusNode.putArray("errors").addObject().put("code", failure).put("title", FAILURE_TITLES.get(failure))
                    .put("message", FAILURE_TITLES.get(failure))
                    .putObject("error_data").put("details", "Simulated failure for numbers ending as this one");
        }
        return statusNode;
    }

    /** What {@code GET /{version}/{media-id}} answers: the file's URL on this server, and its facts. */
    private ResponseDefinition mediaLookup(String absoluteUrl, String connectorId, String mediaId) {
        String server = absoluteUrl.substring(0, absoluteUrl.indexOf("/sim/"));
        ObjectNode body = mapper.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("url", server + "/sim/" + connectorId + "/lookaside/" + mediaId)
                .put("mime_type", MEDIA_TYPE)
                .put("sha256", sha256(MEDIA))
                .put("file_size", MEDIA.length)
                .put("id", mediaId);
        return json(200, body.toString());
    }

    private static <T> T bySuffix(Map<String, T> table, String digits) {
        return table.entrySet().stream().filter(e -> digits.endsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private ObjectNode graphError(int code, String title) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error").put("message", "(#" + code + ") " + title).put("type", "OAuthException")
                .put("code", code).put("fbtrace_id", "SIMULATOR")
                .putObject("error_data").put("messaging_product", "whatsapp")
                .put("details", "Simulated error for numbers ending as this one");
        return body;
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

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
