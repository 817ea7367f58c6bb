package io.wagateway.connector.cm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import io.wagateway.model.Content;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.support.Redact;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each CM answer (or its absence) becomes: accepted, or a typed failure with the right retry flag. */
class CmConnectorAnswersTest {

    private static final String PATH = "/v1.0/message";
    private static final String REFERENCE = CmConnectorSendTest.REFERENCE;

    private static WireMockServer cm;
    private final CmConnector connector = new CmConnector(new ObjectMapper());

    @BeforeAll
    static void startCm() {
        cm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cm.start();
    }

    @AfterAll
    static void stopCm() {
        cm.stop();
    }

    @BeforeEach
    void reset() {
        cm.resetAll();
    }

    /** The expected failure; a null title or detail is not checked. */
    record Expected(ErrorCategory category, String code, boolean retryable, String title, String detail,
                    Duration retryAfter) {}

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("accepted", json(200, "send-response-accepted.json")),
                Arguments.of("201: ours accepted, another rejected", json(200, "send-response-201-ours-accepted.json")),
                Arguments.of("older answer without codes", json(200, "send-response-legacy-accepted.json")),
                Arguments.of("OK code without per-message entries", json(200, "send-response-ok-without-messages.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedAnswersSubmitUnderOurReference(String name, ResponseDefinitionBuilder answer) {
        cm.stubFor(post(urlEqualTo(PATH)).willReturn(answer));

        SendOutcome outcome = connector.send(text(), instance(Map.of()), CmConnectorSendTest.SENDER);

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted(REFERENCE, "accepted", null));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("201: ours rejected for its body", json(200, "send-response-201-ours-rejected.json"),
                        new Expected(ErrorCategory.INVALID_REQUEST, "304", false, "Invalid body",
                                "A body without content was found", null)),
                Arguments.of("400: all rejected, bad number", json(400, "send-response-400-all-rejected-303.json"),
                        new Expected(ErrorCategory.RECIPIENT_INVALID, "303", false, "Invalid MSISDN in to",
                                "Gsm '0044791112345a' is not a number.", null)),
                Arguments.of("rejected as blacklisted", json(200, "send-response-rejected-402.json"),
                        new Expected(ErrorCategory.CONSENT, "402", false, "Blacklisted", "Recipient is blacklisted",
                                null)),
                Arguments.of("older rejection without codes", json(200, "send-response-legacy-rejected.json"),
                        new Expected(ErrorCategory.UNKNOWN, "rejected", false, "Rejected without a code",
                                "Message rejected", null)),
                Arguments.of("400: no account for the token", json(400, "send-response-400-101.json"),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "101", false, null,
                                "No account found for the given authentication", null)),
                Arguments.of("400: no balance", json(400, "send-response-400-102.json"),
                        new Expected(ErrorCategory.PAYMENT, "102", false, "Insufficient balance", null, null)),
                Arguments.of("400: malformed request", json(400, "send-response-400-202.json"),
                        new Expected(ErrorCategory.INVALID_REQUEST, "202", false, null, null, null)),
                Arguments.of("500 with code 500", json(500, "send-response-500.json"),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "500", true, null, null, null)),
                Arguments.of("200 with code 999", json(200, "send-response-999.json"),
                        new Expected(ErrorCategory.UNKNOWN, "999", true, "Unknown error", null, null)),
                Arguments.of("400 with an unknown code", json(400, "send-response-unknown-code.json"),
                        new Expected(ErrorCategory.UNKNOWN, "777", false, "Unknown CM error code",
                                "Something CM added later", null)),
                Arguments.of("503 with an unknown code", json(503, "send-response-unknown-code.json"),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "777", true, null, "Something CM added later",
                                null)),
                Arguments.of("429 without body, Retry-After 12", aResponse().withStatus(429).withHeader("Retry-After", "12"),
                        new Expected(ErrorCategory.RATE_LIMITED, "http-429", true, null, null, Duration.ofSeconds(12))),
                Arguments.of("429 with a permanent-looking code", json(429, "send-response-400-202.json")
                                .withHeader("Retry-After", "3"),
                        new Expected(ErrorCategory.RATE_LIMITED, "202", true, null, null, Duration.ofSeconds(3))),
                Arguments.of("502 html page", aResponse().withStatus(502).withBody("<html>Bad gateway</html>"),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "http-5xx", true, null, null, null)),
                Arguments.of("401 without body", aResponse().withStatus(401),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "http-401", false, null, null, null)),
                Arguments.of("403 without body", aResponse().withStatus(403),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "http-403", false, null, null, null)),
                Arguments.of("404 (wrong base-url)", aResponse().withStatus(404).withBody("Not Found"),
                        new Expected(ErrorCategory.INVALID_REQUEST, "http-4xx", false, null, null, null)),
                Arguments.of("302 redirect", aResponse().withStatus(302).withHeader("Location", "https://example.org"),
                        new Expected(ErrorCategory.INVALID_REQUEST, "http-3xx", false, null, null, null)),
                Arguments.of("200 with an empty body", aResponse().withStatus(200),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null, null)),
                Arguments.of("200 with a truncated body", aResponse().withStatus(200).withBody("{\"messages\":[{\"to\""),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null, null)),
                Arguments.of("200 with an object of no CM shape", aResponse().withStatus(200).withBody("{\"ok\":true}"),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null, null)),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null, null)),
                Arguments.of("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void mapsEachAnswerToATypedFailureAndCallsOnce(String name, ResponseDefinitionBuilder answer, Expected expected) {
        cm.stubFor(post(urlEqualTo(PATH)).willReturn(answer));

        SendOutcome outcome = connector.send(text(), instance(Map.of()), CmConnectorSendTest.SENDER);

        assertFailure(outcome, expected);
        cm.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aSlowAnswerTimesOutAsRetryable() {
        cm.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, "send-response-accepted.json").withFixedDelay(3_000)));

        long start = System.nanoTime();
        SendOutcome outcome = connector.send(text(), instance(Map.of(CmConnector.TIMEOUT_MS, "300")),
                CmConnectorSendTest.SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "timeout", true, null, null, null));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void aStalledBodyTimesOutToo() {
        cm.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, "send-response-accepted.json")
                .withChunkedDribbleDelay(20, 8_000)));

        long start = System.nanoTime();
        SendOutcome outcome = connector.send(text(), instance(Map.of(CmConnector.TIMEOUT_MS, "1500")),
                CmConnectorSendTest.SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "timeout", true, null, null, null));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4_000));
    }

    @Test
    void nobodyListeningIsANetworkFailure() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SendOutcome outcome = connector.send(text(), instance(Map.of(CmConnector.BASE_URL,
                "http://127.0.0.1:" + closedPort)), CmConnectorSendTest.SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null, null));
    }

    static Stream<Arguments> notConfigured() {
        SenderConfig noNumber = new SenderConfig("shop", null, "cm-test", null, null, null, 50, false, false, Map.of());
        return Stream.of(
                Arguments.of("no product token", Map.of(CmConnector.PRODUCT_TOKEN, " "), CmConnectorSendTest.SENDER),
                Arguments.of("base-url not a URL", Map.of(CmConnector.BASE_URL, "simulator"),
                        CmConnectorSendTest.SENDER),
                Arguments.of("base-url not http", Map.of(CmConnector.BASE_URL, "ftp://gw.example"),
                        CmConnectorSendTest.SENDER),
                Arguments.of("base-url with a query", Map.of(CmConnector.BASE_URL, "https://gw.example?x=1"),
                        CmConnectorSendTest.SENDER),
                Arguments.of("sender without number", Map.of(), noNumber));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notConfigured")
    void refusesToSendWhenNotConfigured(String name, Map<String, String> overrides, SenderConfig sender) {
        SendOutcome outcome = connector.send(text(), instance(overrides), sender);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_AUTH, "not-configured", false, null, null, null));
        cm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void logsNeitherTokenNorBodyNorFullNumber() {
        LogCapture logs = LogCapture.of("io.wagateway.connector");
        try (logs) {
            cm.stubFor(post(urlEqualTo(PATH)).willReturn(json(400, "send-response-400-all-rejected-303.json")));
            connector.send(text(), instance(Map.of()), CmConnectorSendTest.SENDER);
            cm.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, "send-response-accepted.json")));
            connector.send(text(), instance(Map.of()), CmConnectorSendTest.SENDER);
        }
        assertThat(logs.events()).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(CmConnectorSendTest.TOKEN, "447911123456", "Your parcel", "is not a number"));
        assertThat(logs.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains(CmConnectorSendTest.GATEWAY_ID, Redact.phone("+447911123456"), "RECIPIENT_INVALID"));
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

    private static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(CmFixtures.text(fixture));
    }

    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                CmConnector.BASE_URL, cm.baseUrl(),
                CmConnector.PRODUCT_TOKEN, CmConnectorSendTest.TOKEN,
                CmConnector.WEBHOOK_SECRET, "hook-secret"));
        settings.putAll(overrides);
        return new ConnectorInstance("cm-test", CmConnector.TYPE, settings);
    }

    private static io.wagateway.model.OutboundMessage text() {
        return CmConnectorSendTest.message(new Content.Text("Your parcel ships today", false), null);
    }
}
