package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import io.wagateway.connector.meta.MetaCloudConnector;
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
 * The Meta simulation on its own: the real connector sends to it, a WireMock stands in for the gateway's webhook,
 * and what the simulation posts back must pass the real connector's signature check and parse into receipts.
 */
class MetaSimulationTest {

    private static final String CONNECTOR = "meta-sim";
    private static final String WEBHOOK = "/webhooks/" + CONNECTOR;
    private static final String OUR_ID = "01JGXS0000000000000000SIM1";
    private static final SenderConfig SENDER = new SenderConfig("demo", "+447911000111", CONNECTOR,
            "104200000000117", null, null, 80, false, false, Map.of());

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final MetaCloudConnector connector = new MetaCloudConnector(mapper);
    private final Map<String, String> settings = new HashMap<>(Map.of(
            "type", "meta-cloud", "access-token", "sim-token", "app-secret", "sim-app-secret"));
    private SimulationHarness harness;
    private WireMockServer gateway;
    private WireMockServer simulator;

    @BeforeEach
    void start() {
        harness = new SimulationHarness(new MetaSimulation(mapper), CONNECTOR, settings, Duration.ofMillis(20));
        gateway = harness.gateway;
        simulator = harness.simulator;
    }

    @AfterEach
    void stop() {
        harness.close();
    }


    @ParameterizedTest
    @EnumSource(ContentType.class)
    void anyContentTypeIsAnsweredThenSentDeliveredAndReadFollowSigned(ContentType type) {
        SendOutcome.Submitted submitted = (SendOutcome.Submitted) send(Recipient.phone("+447911123456"),
                ContentSamples.ALL.get(type));

        assertThat(submitted.providerMessageId()).startsWith("wamid.SIM");
        assertThat(submitted.recipientWaId()).isEqualTo("447911123456");
        List<ProviderEvent.Receipt> receipts = receipts(type == ContentType.REACTION ? 1 : 3);
        // a reaction gets only 'sent', as on WhatsApp; the order of arrival is not guaranteed, as at Meta
        assertThat(receipts).extracting(ProviderEvent.Receipt::status).containsExactlyInAnyOrderElementsOf(
                type == ContentType.REACTION ? List.of(MessageStatus.SENT)
                        : List.of(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ));
        assertThat(receipts).allSatisfy(r -> {
            assertThat(r.providerMessageId()).isEqualTo(submitted.providerMessageId());
            assertThat(r.gatewayMessageId()).isEqualTo(OUR_ID);
            assertThat(r.recipientWaId()).isEqualTo("447911123456");
            assertThat(r.error()).isNull();
        });
        ProviderEvent.Receipt sent = receipts.stream().filter(r -> r.status() == MessageStatus.SENT).findFirst()
                .orElseThrow();
        assertThat(sent.pricing().billable()).isEqualTo(type == ContentType.TEMPLATE);
    }

    @Test
    void configuredToOneStatusPerWebhookEachStatusIsPostedAlone() {
        harness.close();
        // a long receipt step: batched, the three messages' statuses would fall due together and share webhooks
        harness = new SimulationHarness(new MetaSimulation(mapper), CONNECTOR, settings, Duration.ofMillis(300), 1);
        gateway = harness.gateway;
        simulator = harness.simulator;

        for (String number : List.of("+447911123456", "+447911123457", "+447911123458")) {
            send(Recipient.phone(number), text());
        }

        assertThat(receipts(9)).hasSize(9);
        assertThat(webhooks()).hasSize(9).allSatisfy(webhook -> assertThat(handle(webhook).events()).hasSize(1));
    }

    @Test
    void aTemplateSendReportsItsPacingStatus() {
        SendOutcome.Submitted submitted = (SendOutcome.Submitted) send(Recipient.phone("+447911123456"),
                ContentSamples.ALL.get(ContentType.TEMPLATE));

        assertThat(submitted.providerStatus()).isEqualTo("accepted");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("+447911123499", ErrorCategory.OUTSIDE_SERVICE_WINDOW, "131047"),
                Arguments.of("+447911123498", ErrorCategory.RECIPIENT_UNREACHABLE, "131026"),
                Arguments.of("+447911123497", ErrorCategory.IDENTITY_MISMATCH, "137000"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void aRecipientSuffixFailsLaterInAStatusWebhook(String number, ErrorCategory category, String code) {
        assertThat(send(Recipient.phone(number), text())).isInstanceOf(SendOutcome.Submitted.class);

        ProviderEvent.Receipt failed = receipts(1).get(0);

        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.error().category()).isEqualTo(category);
        assertThat(failed.error().code()).isEqualTo(code);
        assertThat(failed.error().retryable()).isFalse();
    }

    @Test
    void aRecipientEndingIn96IsRefusedAtOnceAsAnInvalidParameter() throws InterruptedException {
        SendOutcome.Failed failed = (SendOutcome.Failed) send(Recipient.phone("+447911123496"), text());

        assertThat(failed.error().category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
        assertThat(failed.error().code()).isEqualTo("131009");
        assertThat(failed.retryable()).isFalse();
        assertNoWebhookFollows();
    }

    @Test
    void aRecipientEndingIn95IsThrottledWithRetryAfter() throws InterruptedException {
        SendOutcome.Failed failed = (SendOutcome.Failed) send(Recipient.phone("+447911123495"), text());

        assertThat(failed.error().category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(failed.error().code()).isEqualTo("130429");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertNoWebhookFollows();
    }

    @Test
    void aBusinessScopedUserIdComesBackAsSuch() {
        SendOutcome.Submitted submitted = (SendOutcome.Submitted) send(Recipient.user("GB.13491208655302741918"),
                text());

        assertThat(submitted.recipientWaId()).isNull();
        assertThat(receipts(3)).allSatisfy(r -> {
            assertThat(r.recipientUserId()).isEqualTo("GB.13491208655302741918");
            assertThat(r.recipientWaId()).isNull();
        });
    }

    @Test
    void markingReadIsAcknowledgedAndNothingFollows() throws InterruptedException {
        connector.markRead(new io.wagateway.connector.ProviderEvent.Inbound("wamid.IN-1", null,
                new io.wagateway.connector.ContactRef("+447911123456", "447911123456", null, null, null),
                java.time.Instant.now(), io.wagateway.model.InboundContent.text("hi"), null), instance(), SENDER);

        simulator.verify(1, postRequestedFor(urlEqualTo("/sim/" + CONNECTOR + "/v25.0/104200000000117/messages")));
        assertNoWebhookFollows();
    }

    @Test
    void anyMediaIdCanBeFetchedInTwoHops() throws Exception {
        MediaDownload download = connector.fetchMedia("1480207723001234", instance());

        try (InputStream body = download.body()) {
            assertThat(body.readAllBytes()).isEqualTo(MetaSimulation.MEDIA);
        }
        assertThat(download.contentType()).isEqualTo("image/png");
        assertThat(download.contentLength()).isEqualTo(MetaSimulation.MEDIA.length);
    }

    @Test
    void mediaNeedsTheBearerTokenAsAtMeta() throws Exception {
        HttpResponse<String> lookup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/sim/" + CONNECTOR + "/v25.0/1480207723001234")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(lookup.statusCode()).isEqualTo(401);
        assertThat(lookup.body()).contains("\"code\":190");
    }

    private SendOutcome send(Recipient to, Content content) {
        return connector.send(new OutboundMessage(OUR_ID, "demo", "demo", to, null, content, null, null,
                Instant.parse("2026-01-01T12:00:00Z"), null), instance(), SENDER);
    }

    private ConnectorInstance instance() {
        Map<String, String> resolved = new HashMap<>(settings);
        resolved.put("base-url", simulator.baseUrl() + "/sim/" + CONNECTOR);
        return new ConnectorInstance(CONNECTOR, "meta-cloud", resolved);
    }

    /**
     * The receipts posted back, however the simulation batched them into webhooks: waits for {@code count}, makes
     * sure no more follow, and reads each webhook through the real connector, signature check included.
     */
    private List<ProviderEvent.Receipt> receipts(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> allReceipts().size() >= count);
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> allReceipts().size() == count);
        return allReceipts();
    }

    private List<ProviderEvent.Receipt> allReceipts() {
        return webhooks().stream().map(this::handle)
                .flatMap(result -> result.events().stream()).map(ProviderEvent.Receipt.class::cast).toList();
    }

    private WebhookResult handle(LoggedRequest request) {
        Map<String, String> headers = new HashMap<>();
        request.getHeaders().all().forEach(h -> headers.put(h.key().toLowerCase(Locale.ROOT), h.firstValue()));
        WebhookResult result = connector.handleWebhook(
                new WebhookRequest("POST", headers, Map.of(), request.getBody()), instance());
        assertThat(result.accepted()).as("signature accepted").isTrue();
        return result;
    }

    private List<LoggedRequest> webhooks() {
        return gateway.findAll(postRequestedFor(urlEqualTo(WEBHOOK)));
    }

    private void assertNoWebhookFollows() throws InterruptedException {
        Thread.sleep(200);   // ten receipt steps: long enough for a wrongly scheduled webhook to arrive
        assertThat(webhooks()).isEmpty();
    }

    private static Content text() {
        return new Content.Text("Hello from the simulator", false);
    }

}
