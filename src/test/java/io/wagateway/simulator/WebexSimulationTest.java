package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SendOutcome;
import io.wagateway.connector.SenderConfig;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.connector.webex.WebexConnectConnector;
import io.wagateway.model.Content;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Webex simulation on its own: the real connector sends to it, a WireMock stands in for the gateway's webhook,
 * and what the simulation posts back must pass the real connector's signature check and parse into receipts.
 */
class WebexSimulationTest {

    private static final String CONNECTOR = "webex-sim";
    private static final String WEBHOOK = "/webhooks/" + CONNECTOR;
    private static final String OUR_ID = "01JGXW0000000000000000SIM1";
    private static final SenderConfig SENDER = new SenderConfig("demo", "+447911000111", CONNECTOR, null, null,
            "a_171234567890123456", 80, false, false, Map.of());

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final WebexConnectConnector connector = new WebexConnectConnector(mapper);
    private final Map<String, String> settings = new HashMap<>(Map.of(
            "type", "webex-connect", "service-key", "sim-service-key", "hub-secret", "sim-hub-secret"));
    private SimulationHarness harness;
    private WireMockServer gateway;
    private WireMockServer simulator;

    @BeforeEach
    void start() {
        harness = new SimulationHarness(new WebexSimulation(mapper), CONNECTOR, settings, Duration.ofMillis(30));
        gateway = harness.gateway;
        simulator = harness.simulator;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void answersQueuedThenPostsSubmittedDeliveredAndReadSigned() {
        SendOutcome.Submitted submitted = (SendOutcome.Submitted) send(Recipient.phone("+447911123456"));

        List<ProviderEvent.Receipt> receipts = receipts(3);

        assertThat(receipts).extracting(ProviderEvent.Receipt::status)
                .containsExactlyInAnyOrder(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ);
        assertThat(receipts).allSatisfy(r -> {
            assertThat(r.providerMessageId()).isEqualTo(submitted.providerMessageId());
            assertThat(r.gatewayMessageId()).isEqualTo(OUR_ID);
            assertThat(r.recipientWaId()).isEqualTo("447911123456");
            assertThat(r.identityHash()).isNotBlank();
            assertThat(r.error()).isNull();
        });
    }

    @Test
    void aNumberEndingIn99FailsOutsideTheServiceWindow() {
        send(Recipient.phone("+447911123499"));

        ProviderEvent.Receipt failed = receipts(1).get(0);

        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.error().category()).isEqualTo(ErrorCategory.OUTSIDE_SERVICE_WINDOW);
        assertThat(failed.error().code()).isEqualTo("131047");
        assertThat(failed.error().retryable()).isFalse();
    }

    @Test
    void aNumberEndingIn97FailsWithAHashMismatch() {
        send(Recipient.phone("+447911123497"));

        ProviderEvent.Receipt failed = receipts(1).get(0);

        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.error().category()).isEqualTo(ErrorCategory.IDENTITY_MISMATCH);
        assertThat(failed.error().code()).isEqualTo("7862");
    }

    @Test
    void aBusinessScopedUserIdComesBackAsSuch() {
        send(Recipient.user("GB.1398204155762934"));

        assertThat(receipts(3)).allSatisfy(r -> {
            assertThat(r.recipientUserId()).isEqualTo("GB.1398204155762934");
            assertThat(r.recipientWaId()).isNull();
        });
    }

    @Test
    void signsWithSha512WhenTheConnectorSaysSo() {
        settings.put("hub-algorithm", "sha512");

        send(Recipient.phone("+447911123456"));

        assertThat(receipts(3)).hasSize(3);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(WEBHOOK))))
                .allSatisfy(r -> assertThat(r.getHeader("x-hub-signature")).startsWith("sha512="));
    }

    @Test
    void aWrongServiceKeyIsRefusedLikeWebexDoesAndNothingIsPosted() throws InterruptedException {
        SendOutcome outcome = connector.send(message(Recipient.phone("+447911123456")),
                instance(Map.of("service-key", "not-the-key")), SENDER);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.error().category()).isEqualTo(ErrorCategory.PROVIDER_AUTH);
            assertThat(f.error().code()).isEqualTo("7001");
        });
        Thread.sleep(200);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(WEBHOOK)))).isEmpty();
    }

    @Test
    void aRequestWithoutDestinationIsRefusedWith7003AndHttp200() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(instance(Map.of()).setting("base-url")
                                + "/resources/v1/messaging"))
                        .header("key", "sim-service-key").header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"deliverychannel\":\"whatsapp\",\"appid\":\"a_1\",\"destination\":[]}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(response.body()).path("response").path("code").asText()).isEqualTo("7003");
        Thread.sleep(200);
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(WEBHOOK)))).isEmpty();
    }

    private SendOutcome send(Recipient to) {
        SendOutcome outcome = connector.send(message(to), instance(Map.of()), SENDER);
        assertThat(outcome).isInstanceOf(SendOutcome.Submitted.class);
        return outcome;
    }

    /** Waits for {@code count} webhooks, checks they pass the connector's door, and returns their receipts. */
    private List<ProviderEvent.Receipt> receipts(int count) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.findAll(postRequestedFor(urlEqualTo(WEBHOOK))).size() >= count);
        List<LoggedRequest> posted = gateway.findAll(postRequestedFor(urlEqualTo(WEBHOOK)));
        assertThat(posted).hasSize(count);
        return posted.stream().map(request -> {
            Map<String, String> headers = new HashMap<>();
            request.getHeaders().all().forEach(h -> headers.put(h.key().toLowerCase(Locale.ROOT), h.firstValue()));
            WebhookResult result = connector.handleWebhook(new WebhookRequest("POST", headers, Map.of(), request.getBody()),
                    instance(Map.of()));
            assertThat(result.httpStatus()).as("webhook accepted").isEqualTo(200);
            assertThat(result.events()).hasSize(1);
            return (ProviderEvent.Receipt) result.events().get(0);
        }).toList();
    }

    private ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> resolved = new HashMap<>(settings);
        resolved.put("base-url", simulator.baseUrl() + "/sim/" + CONNECTOR);
        resolved.putAll(overrides);
        return new ConnectorInstance(CONNECTOR, "webex-connect", resolved);
    }

    private static OutboundMessage message(Recipient to) {
        return new OutboundMessage(OUR_ID, "demo", "demo", to, null, new Content.Text("Hello from the simulator", false),
                null, null, Instant.parse("2026-01-01T12:00:00Z"), null);
    }
}
