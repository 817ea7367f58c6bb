package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.MediaDownload;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SendOutcome;
import io.wagateway.connector.SenderConfig;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.connector.cm.CmConnector;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CM simulation on its own: the real connector sends to it, a WireMock stands in for the gateway's webhook,
 * and what the simulation posts back must pass the real connector's secret check and parse into receipts that find
 * our message.
 */
class CmSimulationTest {

    private static final String CONNECTOR = "cm-sim";
    private static final String WEBHOOK = "/webhooks/" + CONNECTOR;
    private static final String SECRET = "sim hook/secret&more";
    private static final String OUR_ID = "6b0f4e8a-2c1d-4b3e-9f7a-5d8c0e1b2a34";
    private static final SenderConfig SENDER = new SenderConfig("shop", "+31610002000", CONNECTOR, null, null, null,
            50, false, true, Map.of());

    private final ObjectMapper mapper = new ObjectMapper();
    private final CmConnector connector = new CmConnector(mapper);
    private final Map<String, String> settings = new HashMap<>(Map.of(
            "type", "cm", "product-token", "00000000-0000-0000-0000-000000000000", "webhook-secret", SECRET));
    private SimulationHarness harness;
    private WireMockServer gateway;
    private WireMockServer simulator;

    @BeforeEach
    void start() {
        harness = new SimulationHarness(new CmSimulation(mapper), CONNECTOR, settings, Duration.ofMillis(20));
        gateway = harness.gateway;
        simulator = harness.simulator;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = "REACTION", mode = EnumSource.Mode.EXCLUDE)
    void everyContentTypeIsAcceptedThenAcceptedDeliveredAndReadFollow(ContentType type) {
        SendOutcome outcome = send("+447911123456", ContentSamples.ALL.get(type));

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted("6b0f4e8a2c1d4b3e9f7a5d8c0e1b2a34", "accepted",
                null));
        List<ProviderEvent.Receipt> receipts = receipts(3);
        assertThat(receipts).extracting(ProviderEvent.Receipt::status).containsExactlyInAnyOrder(
                MessageStatus.SUBMITTED, MessageStatus.DELIVERED, MessageStatus.READ);
        assertThat(receipts).allSatisfy(r -> {
            assertThat(r.gatewayMessageId()).isEqualTo(OUR_ID);
            assertThat(r.providerMessageId()).isEqualTo("6b0f4e8a2c1d4b3e9f7a5d8c0e1b2a34");
            assertThat(r.recipientWaId()).isEqualTo("447911123456");
            assertThat(r.error()).isNull();
        });
        assertThat(receipts).extracting(ProviderEvent.Receipt::dedupeKey).doesNotHaveDuplicates();
    }

    static Stream<Arguments> laterFailures() {
        return Stream.of(
                Arguments.of("+447911123499", ErrorCategory.OUTSIDE_SERVICE_WINDOW, "40"),
                Arguments.of("+447911123498", ErrorCategory.RECIPIENT_UNREACHABLE, "report-failed"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("laterFailures")
    void aRecipientSuffixFailsLaterInAStatusReport(String number, ErrorCategory category, String code) {
        assertThat(send(number, text())).isInstanceOf(SendOutcome.Submitted.class);

        List<ProviderEvent.Receipt> receipts = receipts(2);

        assertThat(receipts).extracting(ProviderEvent.Receipt::status)
                .containsExactlyInAnyOrder(MessageStatus.SUBMITTED, MessageStatus.FAILED);
        ProviderEvent.Receipt failed = receipts.stream().filter(r -> r.status() == MessageStatus.FAILED).findFirst()
                .orElseThrow();
        assertThat(failed.gatewayMessageId()).isEqualTo(OUR_ID);
        assertThat(failed.error().category()).isEqualTo(category);
        assertThat(failed.error().code()).isEqualTo(code);
        assertThat(failed.error().retryable()).isFalse();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("+447911123496", ErrorCategory.CONSENT, "402", false),
                Arguments.of("+447911123495", ErrorCategory.PROVIDER_UNAVAILABLE, "500", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusals")
    void aRecipientSuffixIsRefusedAtOnce(String number, ErrorCategory category, String code, boolean retryable)
            throws InterruptedException {
        SendOutcome.Failed failed = (SendOutcome.Failed) send(number, text());

        assertThat(failed.error().category()).isEqualTo(category);
        assertThat(failed.error().code()).isEqualTo(code);
        assertThat(failed.retryable()).isEqualTo(retryable);
        assertNoWebhookFollows();
    }

    @Test
    void withoutAProductTokenCmFindsNoAccount() throws InterruptedException {
        settings.put("product-token", "");
        HttpResponse<String> answer = postToSimulator("""
                {"messages":{"msg":[{"from":"0031610002000","to":[{"number":"00447911123456"}],
                  "body":{"type":"auto","content":"Hi"},"reference":"abc"}]}}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"errorCode\":101");
        assertNoWebhookFollows();
    }

    @Test
    void aMessageWithoutBodyIsRejectedAsCmDoes() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/" + CONNECTOR
                        + "/v1.0/message")).header("X-CM-PRODUCTTOKEN", "00000000-0000-0000-0000-000000000000")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"messages":{"msg":[{"from":"0031610002000","to":[{"number":"00447911123456"}],
                          "reference":"abc"}]}}""")).build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).path("messages").path(0).path("messageErrorCode").asInt())
                .isEqualTo(304);
    }

    @Test
    void markingReadIsAcknowledgedAndNothingFollows() throws InterruptedException {
        connector.markRead(new io.wagateway.connector.ProviderEvent.Inbound("wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMEMwRkZFRTAxMjM0NTY3ODkA", null,
                new io.wagateway.connector.ContactRef("+447911123456", "447911123456", null, null, null),
                java.time.Instant.now(), io.wagateway.model.InboundContent.text("hi"), null), instance(), SENDER);

        simulator.verify(1, postRequestedFor(urlEqualTo("/sim/" + CONNECTOR + "/v1.0/event")));
        assertNoWebhookFollows();
    }

    @Test
    void mediaOnTheFileProxyCanBeFetched() throws Exception {
        MediaDownload download = connector.fetchMedia(
                simulator.baseUrl() + "/sim/" + CONNECTOR + "/fileproxy/files/1a2b3c", instance());

        try (InputStream body = download.body()) {
            assertThat(body.readAllBytes()).isEqualTo(CmSimulation.MEDIA);
        }
        assertThat(download.contentType()).isEqualTo("image/png");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private SendOutcome send(String number, Content content) {
        return connector.send(new OutboundMessage(OUR_ID, "shop", "shop", Recipient.phone(number), null, content,
                null, null, Instant.parse("2026-03-02T09:00:00Z"), null), instance(), SENDER);
    }

    private ConnectorInstance instance() {
        Map<String, String> resolved = new HashMap<>(settings);
        resolved.put("base-url", simulator.baseUrl() + "/sim/" + CONNECTOR);
        return new ConnectorInstance(CONNECTOR, "cm", resolved);
    }

    private HttpResponse<String> postToSimulator(String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/"
                    + CONNECTOR + "/v1.0/message")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code count} webhooks and reads each through the real connector, secret check included. */
    private List<ProviderEvent.Receipt> receipts(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> webhooks().size() >= count);
        return webhooks().stream().map(this::handle)
                .flatMap(result -> result.events().stream()).map(ProviderEvent.Receipt.class::cast).toList();
    }

    private WebhookResult handle(LoggedRequest request) {
        Map<String, String> headers = new HashMap<>();
        request.getHeaders().all().forEach(h -> headers.put(h.key().toLowerCase(Locale.ROOT), h.firstValue()));
        Map<String, String> query = new HashMap<>();
        request.getQueryParams().forEach((name, values) -> query.put(name, values.firstValue()));
        WebhookResult result = connector.handleWebhook(new WebhookRequest(request.getMethod().value(), headers, query,
                request.getBody()), instance());
        assertThat(result.accepted()).as("secret accepted").isTrue();
        return result;
    }

    private List<LoggedRequest> webhooks() {
        return gateway.findAll(postRequestedFor(urlPathEqualTo(WEBHOOK)));
    }

    private void assertNoWebhookFollows() throws InterruptedException {
        Thread.sleep(200);   // ten receipt steps: long enough for a wrongly scheduled webhook to arrive
        assertThat(webhooks()).isEmpty();
    }

    private static Content text() {
        return new Content.Text("Hello from the simulator", false);
    }


}
