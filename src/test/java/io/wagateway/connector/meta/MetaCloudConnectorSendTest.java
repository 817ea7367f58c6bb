package io.wagateway.connector.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.support.LogCapture;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.SendOutcome;
import io.wagateway.connector.SenderConfig;
import io.wagateway.connector.cloudapi.Fixtures;
import io.wagateway.model.Content;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import io.wagateway.support.Redact;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Meta over real HTTP (WireMock): the exact request we send, and what each answer becomes. */
class MetaCloudConnectorSendTest {

    private static final String TOKEN = "EAAG-test-token-0123456789";
    private static final String PHONE_NUMBER_ID = "104200000000117";
    private static final String PATH = "/v25.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String GATEWAY_ID = "01JGXB0000000000000000SND1";
    private static final SenderConfig SENDER = new SenderConfig("demo", "+15550001111", "meta-test", PHONE_NUMBER_ID,
            "209900000000042", null, 80, false, false, Map.of());

    private static WireMockServer meta;
    private final MetaCloudConnector connector = new MetaCloudConnector(new ObjectMapper().findAndRegisterModules());

    @BeforeAll
    static void startMeta() {
        meta = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        meta.start();
    }

    @AfterAll
    static void stopMeta() {
        meta.stop();
    }

    @BeforeEach
    void reset() {
        meta.resetAll();
    }

    // --- what goes on the wire (every content type: MetaCloudConnectorWireTest) -------------------------------------

    @Test
    void postsWithTheBearerTokenToThePhoneNumbersMessagesEdge() {
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, Fixtures.meta("send-text-response.json"))));

        SendOutcome outcome = connector.send(text(), instance(Map.of()), SENDER);

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted(
                "wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBJTRU5EVEVYVDAwMDAwMDAwMDEA", null, "15550104567"));
        meta.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550104567",
                         "biz_opaque_callback_data":"01JGXB0000000000000000SND1",
                         "type":"text","text":{"body":"Your order has shipped","preview_url":false}}
                        """)));
    }

    @Test
    void honoursBaseUrlWithTrailingSlashAndApiVersion() {
        String path = "/v24.0/" + PHONE_NUMBER_ID + "/messages";
        meta.stubFor(post(urlEqualTo(path)).willReturn(json(200, """
                {"messaging_product":"whatsapp","messages":[{"id":"wamid.V24","message_status":"accepted"}]}
                """)));

        SendOutcome outcome = connector.send(text(), instance(Map.of(
                MetaCloudConnector.BASE_URL, meta.baseUrl() + "/", MetaCloudConnector.API_VERSION, "v24.0")), SENDER);

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted("wamid.V24", "accepted", null));
    }

    // --- what each answer becomes --------------------------------------------------------------------------------

    /** The expected failure; a null title or detail is not checked (catalogue wording may change). */
    record Expected(ErrorCategory category, String code, boolean retryable, String title, String detail,
                    Duration retryAfter) {}

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("130429 throughput", json(400, Fixtures.meta("send-error-130429.json")),
                        new Expected(ErrorCategory.RATE_LIMITED, "130429", true, "Rate limit hit",
                                "Message throughput for this number was exceeded.", null)),
                Arguments.of("131047 outside the window", json(400, Fixtures.meta("send-error-131047.json")),
                        new Expected(ErrorCategory.OUTSIDE_SERVICE_WINDOW, "131047", false, "Re-engagement message",
                                "More than 24 hours have passed since the recipient last wrote.", null)),
                Arguments.of("HTTP 429 with Retry-After seconds, no body",
                        aResponse().withStatus(429).withHeader("Retry-After", "7"),
                        new Expected(ErrorCategory.RATE_LIMITED, "http-429", true, null, null, Duration.ofSeconds(7))),
                Arguments.of("HTTP 429 with a non-rate-limit code",
                        json(429, """
                                {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100}}
                                """).withHeader("Retry-After", "3"),
                        new Expected(ErrorCategory.RATE_LIMITED, "100", true, "Invalid parameter", null,
                                Duration.ofSeconds(3))),
                Arguments.of("HTTP 500 with no body", aResponse().withStatus(500),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "http-5xx", true, null,
                                "HTTP 500 without a Graph error code", null)),
                Arguments.of("HTTP 503 with an unknown code", json(503, Fixtures.meta("send-error-unknown-code.json")),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "987654", true, "Something new",
                                "An error this gateway does not know.", null)),
                Arguments.of("HTTP 400 with an unknown code", json(400, Fixtures.meta("send-error-unknown-code.json")),
                        new Expected(ErrorCategory.UNKNOWN, "987654", false, "Something new",
                                "An error this gateway does not know.", null)),
                Arguments.of("HTTP 401 code 190", json(401, Fixtures.meta("send-error-190.json")),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "190", false,
                                "Error validating access token: Session has expired.", null, null)),
                Arguments.of("HTTP 403 with no body", aResponse().withStatus(403),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "http-403", false, null, null, null)),
                Arguments.of("HTTP 404 html page",
                        aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>nope</h1>"),
                        new Expected(ErrorCategory.INVALID_REQUEST, "http-4xx", false, null, null, null)),
                Arguments.of("2xx with a malformed body", json(200, "{\"messages\":[{\"id\":"),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null,
                                "HTTP 200 without a message id", null)),
                Arguments.of("2xx with an empty body", aResponse().withStatus(200),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null, null)),
                Arguments.of("2xx without messages", json(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[]}"),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null, null)),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null, null)),
                Arguments.of("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void mapsEachAnswerToATypedFailureAndCallsOnce(String name, ResponseDefinitionBuilder answer, Expected expected) {
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(answer));

        SendOutcome outcome = connector.send(text(), instance(Map.of()), SENDER);

        assertFailure(outcome, expected);
        // one attempt only: the JDK client does not retry a POST, and retries belong to the gateway's ledger
        meta.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void retryAfterAsHttpDate() {
        Instant in90s = Instant.now().plusSeconds(90);
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(in90s.atOffset(ZoneOffset.UTC)))));

        SendOutcome.Failed failed = (SendOutcome.Failed) connector.send(text(), instance(Map.of()), SENDER);

        assertThat(failed.error().category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.retryAfter()).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(90));
    }

    @Test
    void aSlowAnswerTimesOutAsRetryable() {
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, Fixtures.meta("send-text-response.json"))
                .withFixedDelay(3_000)));

        long start = System.nanoTime();
        SendOutcome outcome = connector.send(text(), instance(Map.of(MetaCloudConnector.TIMEOUT_MS, "300")), SENDER);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "timeout", true, null, null, null));
        assertThat(took).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void aStalledBodyTimesOutToo() {
        // headers arrive after about 400 ms, then the body trickles for 8 s: the timeout must cover the body too
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, Fixtures.meta("send-text-response.json"))
                .withChunkedDribbleDelay(20, 8_000)));

        long start = System.nanoTime();
        SendOutcome outcome = connector.send(text(), instance(Map.of(MetaCloudConnector.TIMEOUT_MS, "1500")), SENDER);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "timeout", true, null, null, null));
        assertThat(took).isLessThan(Duration.ofMillis(4_000));
    }

    @Test
    void aStalledCallDoesNotHoldUpTheNextOne() throws Exception {
        // one client carries every send of the connector, and its completions run on its single selector thread
        String stalledPath = "/v25.0/104200000000118/messages";
        meta.stubFor(post(urlEqualTo(stalledPath)).willReturn(json(200, Fixtures.meta("send-text-response.json"))
                .withChunkedDribbleDelay(20, 6_000)));
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, Fixtures.meta("send-text-response.json"))));
        SenderConfig stalledSender = new SenderConfig("slow", "+15550001112", "meta-test", "104200000000118",
                "209900000000042", null, 80, false, false, Map.of());

        var stalled = CompletableFuture.supplyAsync(() ->
                connector.send(text(), instance(Map.of(MetaCloudConnector.TIMEOUT_MS, "2500")), stalledSender));
        Thread.sleep(500); // the stalled answer is trickling in now
        long start = System.nanoTime();
        SendOutcome next = connector.send(text(), instance(Map.of(MetaCloudConnector.TIMEOUT_MS, "2000")), SENDER);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(next).isInstanceOf(SendOutcome.Submitted.class);
        assertThat(took).isLessThan(Duration.ofMillis(1_500));
        assertFailure(stalled.get(10, TimeUnit.SECONDS),
                new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "timeout", true, null, null, null));
    }

    @Test
    void nothingListeningIsANetworkFailure() {
        // a port that was just free: nothing accepts the connection
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        SendOutcome outcome = connector.send(text(), instance(Map.of(MetaCloudConnector.BASE_URL,
                "http://127.0.0.1:" + closedPort)), SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null, null));
    }

    // --- refused before any call -----------------------------------------------------------------------------------

    static Stream<Arguments> notConfigured() {
        return Stream.of(
                Arguments.of("no access token", Map.of(MetaCloudConnector.ACCESS_TOKEN, " "), SENDER),
                Arguments.of("base-url not a URL", Map.of(MetaCloudConnector.BASE_URL, "simulator"), SENDER),
                Arguments.of("base-url with a bad port", Map.of(MetaCloudConnector.BASE_URL, "http://127.0.0.1:99999"),
                        SENDER),
                Arguments.of("base-url not http", Map.of(MetaCloudConnector.BASE_URL, "ftp://graph.example"), SENDER),
                Arguments.of("api-version with a slash", Map.of(MetaCloudConnector.API_VERSION, "v25.0/../x"), SENDER),
                Arguments.of("sender without phone-number-id", Map.of(),
                        new SenderConfig("demo", "+15550001111", "meta-test", null, null, null, 80, false, false, Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notConfigured")
    void refusesToSendWhenNotConfigured(String name, Map<String, String> overrides, SenderConfig sender) {
        SendOutcome outcome = connector.send(text(), instance(overrides), sender);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_AUTH, "not-configured", false, null, null, null));
        meta.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void contentWhatsAppCannotCarryFailsWithoutACall() {
        OutboundMessage list = message(Recipient.phone("+15550104567"), new Content.ListMessage("Pick one", "Options",
                Content.Header.of("image", null, "https://example.org/cat.png", null, null), null,
                List.of(new Content.Section(null, List.of(new Content.Row("a", "A", null))))), null, null);

        SendOutcome outcome = connector.send(list, instance(Map.of()), SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.UNSUPPORTED_CONTENT, "unsupported-content", false, null,
                null, null));
        assertThat(((SendOutcome.Failed) outcome).error().detail()).contains("list header must be text");
        meta.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMessageWithoutRecipientFailsWithoutACall() {
        OutboundMessage nobody = message(new Recipient(null, null), new Content.Text("Hi", false), null, null);

        SendOutcome outcome = connector.send(nobody, instance(Map.of()), SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.INVALID_REQUEST, "invalid-message", false, null, null, null));
        meta.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void logsNeitherTokenNorBodyNorFullNumber() {
        LogCapture logs = LogCapture.of("io.wagateway.connector");
        try (logs) {
            meta.stubFor(post(urlEqualTo(PATH)).willReturn(json(400, Fixtures.meta("send-error-131047.json"))));
            connector.send(text(), instance(Map.of()), SENDER);
            meta.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, Fixtures.meta("send-text-response.json"))));
            connector.send(text(), instance(Map.of()), SENDER);
        }
        assertThat(logs.events()).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(TOKEN, "+15550104567", "15550104567", "Your order", "More than 24 hours"));
        assertThat(logs.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains(GATEWAY_ID, Redact.phone("+15550104567"), "OUTSIDE_SERVICE_WINDOW"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static void assertFailure(SendOutcome outcome, Expected expected) {
        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        SendOutcome.Failed failed = (SendOutcome.Failed) outcome;
        MessageError error = failed.error();
        assertThat(error.category()).isEqualTo(expected.category());
        assertThat(error.code()).isEqualTo(expected.code());
        assertThat(error.retryable()).isEqualTo(expected.retryable());
        assertThat(error.title()).isNotBlank();
        if (expected.title() != null) {
            assertThat(error.title()).isEqualTo(expected.title());
        }
        if (expected.detail() != null) {
            assertThat(error.detail()).isEqualTo(expected.detail());
        }
        assertThat(failed.retryAfter()).isEqualTo(expected.retryAfter());
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                MetaCloudConnector.BASE_URL, meta.baseUrl(),
                MetaCloudConnector.ACCESS_TOKEN, TOKEN,
                MetaCloudConnector.APP_SECRET, "app-secret-test",
                MetaCloudConnector.VERIFY_TOKEN, "verify-test"));
        settings.putAll(overrides);
        return new ConnectorInstance("meta-test", MetaCloudConnector.TYPE, settings);
    }

    private static OutboundMessage text() {
        return message(Recipient.phone("+15550104567"), new Content.Text("Your order has shipped", false), null, null);
    }

    private static OutboundMessage message(Recipient to, Content content, String replyTo, String identityHash) {
        return new OutboundMessage(GATEWAY_ID, "demo", "demo", to, "order-4711", content, replyTo, identityHash,
                Instant.parse("2026-01-01T12:00:00Z"), null);
    }
}
