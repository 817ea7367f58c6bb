package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Webex Connect as the simulator plays it: {@code POST /resources/v1/messaging} checks the service key (or JWT),
 * answers {@code 1001 Queued} with a transid, then posts {@code deliveryInfoNotification} receipts 7501 Submitted,
 * 7500 Delivered and 7502 Read, signed with the connector's hub secret in {@code x-hub-signature}. Recipients ending
 * in one of {@link #FAILURES}' suffixes get one failure receipt instead.
 */
@Component
class WebexSimulation extends ProviderSimulation {

    static final String NAME = "webex-simulation";

    /** A failure receipt: Webex code, Description, and what Webex puts in {@code additionalInfo}. */
    record Failure(String code, String description, String additionalInfo) {}

    /** Recipient suffix -> the failure its message gets. */
    static final Map<String, Failure> FAILURES = Map.of(
            // WhatsApp's own reason wrapped in 7200, as Webex does: more than 24 h since the user wrote
            "99", new Failure("7200", "Unknown Status", "(#131047)  | Message failed to send because more than 24 hours "
                    + "have passed since the customer last replied to this number."),
            // the identity key hash sent no longer matches the user's
            "97", new Failure("7862", "Hash mismatch", ""));

    private static final List<String[]> PROGRESS = List.of(
            new String[] {"7501", "Submitted"}, new String[] {"7500", "Delivered"}, new String[] {"7502", "Read"});


    WebexSimulation(ObjectMapper mapper) {
        super(mapper);
    }


    @Override
    public void stub(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/sim/[^/]+/resources/v1/messaging"))
                .willReturn(aResponse().withTransformers(NAME)));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        // path: /sim/{connectorId}/resources/v1/messaging
        String connectorId = request.getUrl().split("\\?")[0].split("/")[2];
        Map<String, String> settings = connectorSettings.apply(connectorId);
        if (!authorised(request, settings)) {
            return error("7001", "Authentication failed.");
        }
        JsonNode body;
        try {
            body = mapper.readTree(request.getBody());
        } catch (IOException e) {
            return error("7000", "Invalid JSON");
        }
        JsonNode destination = body.path("destination").path(0);
        String waId = destination.path("waid").path(0).asText("").replace("+", "");
        String userId = destination.path("bsuid").path(0).asText("");
        if (!"whatsapp".equals(body.path("deliverychannel").asText()) || body.path("appid").asText("").isBlank()
                || (waId.isBlank() && userId.isBlank())) {
            return error("7003", "Mandatory parameter missing");
        }
        String transid = UUID.randomUUID().toString();
        ObjectNode response = mapper.createObjectNode();
        response.putArray("response").addObject().put("code", "1001").put("transid", transid)
                .put("description", "Queued").put("correlationid", body.path("correlationid").asText(""));
        poster.postInTurn(receipts(connectorId, settings, body, waId, userId, transid));
        return json(response.toString());
    }

    /** A configured JWT must come as the bearer token, else the service key in {@code key}; nothing configured: open. */
    private static boolean authorised(Request request, Map<String, String> settings) {
        String jwt = settings.get("jwt");
        if (jwt != null && !jwt.isBlank()) {
            return ("Bearer " + jwt.strip()).equals(header(request, "Authorization"));
        }
        String key = settings.get("service-key");
        return key == null || key.isBlank() || key.strip().equals(header(request, "key"));
    }

    private List<WebhookPoster.Webhook> receipts(String connectorId, Map<String, String> settings, JsonNode request,
                                                 String waId, String userId, String transid) {
        String recipient = waId.isBlank() ? userId : waId;
        Failure failure = FAILURES.entrySet().stream().filter(e -> recipient.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        List<String[]> steps = failure != null ? List.<String[]>of(new String[] {failure.code(), failure.description()})
                : PROGRESS;
        List<WebhookPoster.Webhook> webhooks = new ArrayList<>();
        for (String[] step : steps) {
            ObjectNode info = mapper.createObjectNode()
                    .put("timeStamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                    .put("waid", waId).put("Description", step[1]).put("code", step[0]).put("bsuid", userId)
                    .put("deliveryChannel", "whatsapp")
                    .put("additionalInfo", failure != null ? failure.additionalInfo() : "")
                    .put("waidNormalized", "false")
                    .put("destination", recipient).put("destinationType", waId.isBlank() ? "bsuid" : "waid")
                    .put("identityKeyHash", failure != null ? "" : identityHash(recipient))
                    .put("deliveryStatus", failure != null ? "Failed" : step[1]);
            ObjectNode root = mapper.createObjectNode();
            root.putObject("deliveryInfoNotification").<ObjectNode>set("deliveryInfo", info)
                    .put("subtid", "").put("transid", transid + "_0")
                    .put("callbackData", request.path("callbackData").asText(""))
                    .put("correlationid", request.path("correlationid").asText(""));
            byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
            webhooks.add(new WebhookPoster.Webhook("/webhooks/" + connectorId, headers(settings, body), body));
        }
        return webhooks;
    }

    /** Signed as the outbound webhook is configured: {@code hub-algorithm} sha256 (default) or sha512. */
    private static Map<String, String> headers(Map<String, String> settings, byte[] body) {
        String secret = settings.get("hub-secret");
        if (secret == null || secret.isEmpty()) {
            return Map.of("Content-Type", "application/json");
        }
        String algorithm = settings.getOrDefault("hub-algorithm", "sha256").toLowerCase(Locale.ROOT).replace("-", "");
        String prefix = algorithm.contains("512") ? "sha512" : "sha256";
        return Map.of("Content-Type", "application/json",
                "x-hub-signature", prefix + "=" + sign(prefix.equals("sha512") ? "HmacSHA512" : "HmacSHA256", secret, body));
    }

    /** A stable stand-in for the user's identity key hash, so the gateway has one to store. */
    private static String identityHash(String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("simulated-identity:" + recipient).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Request request, String name) {
        HttpHeader header = request.header(name);
        return header != null && header.isPresent() ? header.firstValue() : null;
    }

    /** Webex answers errors as an object, and with HTTP 200: only the code tells. */
    private ResponseDefinition error(String code, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("response").put("code", code).put("description", description).put("transid", "");
        return json(body.toString());
    }

    // WireMock shades its own Jackson, so bodies go over as strings, not as our JsonNodes.
    private static ResponseDefinition json(String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    static String sign(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
