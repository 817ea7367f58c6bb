package io.wagateway.connector.webex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.GATEWAY_ID;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.KEY;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.PATH;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.SENDER;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.UK;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.json;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.media;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.message;
import static io.wagateway.connector.webex.WebexConnectConnectorSendTest.text;
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
import io.wagateway.model.ContentType;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.Recipient;
import io.wagateway.support.Redact;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each Webex answer becomes, and what is refused before any call. */
class WebexConnectConnectorAnswersTest {

    private static WireMockServer webex;
    private final WebexConnectConnector connector = new WebexConnectConnector(new ObjectMapper().findAndRegisterModules());

    @BeforeAll
    static void startWebex() {
        webex = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        webex.start();
    }

    @AfterAll
    static void stopWebex() {
        webex.stop();
    }

    @BeforeEach
    void reset() {
        webex.resetAll();
    }

    /** The expected failure; a null title or detail is not checked (catalogue wording may change). */
    record Expected(ErrorCategory category, String code, boolean retryable, String title, Duration retryAfter) {}

    static Stream<Arguments> successes() {
        return Stream.of(
                Arguments.of("1001 in an array", json(200, WebexFixtures.text("send-response-queued.json"))),
                Arguments.of("1001 as an object, transid with _0", json(200, WebexFixtures.text("send-response-queued-object.json"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successes")
    void queuedIsSubmittedUnderTheTransid(String name, ResponseDefinitionBuilder answer) {
        webex.stubFor(post(urlEqualTo(PATH)).willReturn(answer));

        SendOutcome outcome = connector.send(text(), instance(Map.of()), SENDER);

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted("6f1c2a9e-4b7d-4e21-9c3a-1d2e3f4a5b6c", "Queued", null));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("7001 with HTTP 200 is no success", json(200, WebexFixtures.text("send-error-7001.json")),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "7001", false, "Authentication failed.", null)),
                Arguments.of("7001 with HTTP 401", json(401, WebexFixtures.text("send-error-7001.json")),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "7001", false, "Authentication failed.", null)),
                Arguments.of("7003 with HTTP 400", json(400, WebexFixtures.text("send-error-7003.json")),
                        new Expected(ErrorCategory.INVALID_REQUEST, "7003", false, null, null)),
                Arguments.of("7006 internal error", json(500, WebexFixtures.text("send-error-7006.json")),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "7006", true, "Internal error", null)),
                Arguments.of("7020 transaction limit with HTTP 200", json(200, WebexFixtures.text("send-error-7020.json")),
                        new Expected(ErrorCategory.RATE_LIMITED, "7020", true, null, null)),
                Arguments.of("7020 with HTTP 429 and Retry-After",
                        json(429, WebexFixtures.text("send-error-7020.json")).withHeader("Retry-After", "5"),
                        new Expected(ErrorCategory.RATE_LIMITED, "7020", true, null, Duration.ofSeconds(5))),
                Arguments.of("a non-rate-limit code with HTTP 429 is still throttling",
                        json(429, WebexFixtures.text("send-error-7003.json")),
                        new Expected(ErrorCategory.RATE_LIMITED, "7003", true, null, null)),
                Arguments.of("7108 invalid template", json(200, WebexFixtures.text("send-error-7108.json")),
                        new Expected(ErrorCategory.TEMPLATE_INVALID, "7108", false, null, null)),
                Arguments.of("unknown code with HTTP 200", json(200, WebexFixtures.text("send-error-unknown-code.json")),
                        new Expected(ErrorCategory.UNKNOWN, "7777", false, "Something new", null)),
                Arguments.of("unknown code with HTTP 503", json(503, WebexFixtures.text("send-error-unknown-code.json")),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "7777", true, "Something new", null)),
                Arguments.of("1001 without a transid", json(200, WebexFixtures.text("send-response-queued-without-transid.json")),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null)),
                Arguments.of("HTTP 429 without a body", aResponse().withStatus(429).withHeader("Retry-After", "7"),
                        new Expected(ErrorCategory.RATE_LIMITED, "http-429", true, null, Duration.ofSeconds(7))),
                Arguments.of("HTTP 500 without a body", aResponse().withStatus(500),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "http-5xx", true, null, null)),
                Arguments.of("HTTP 401 without a body", aResponse().withStatus(401),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "http-401", false, null, null)),
                Arguments.of("HTTP 403 without a body", aResponse().withStatus(403),
                        new Expected(ErrorCategory.PROVIDER_AUTH, "http-403", false, null, null)),
                Arguments.of("HTTP 404 html page",
                        aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>nope</h1>"),
                        new Expected(ErrorCategory.INVALID_REQUEST, "http-4xx", false, null, null)),
                Arguments.of("HTTP 200 with an empty body", aResponse().withStatus(200),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null)),
                Arguments.of("HTTP 200 with a cut-off body", json(200, "{\"response\":[{\"code\":\"10"),
                        new Expected(ErrorCategory.UNKNOWN, "unreadable-response", false, null, null)),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null)),
                Arguments.of("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                        new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void mapsEachAnswerToATypedFailureAndCallsOnce(String name, ResponseDefinitionBuilder answer, Expected expected) {
        webex.stubFor(post(urlEqualTo(PATH)).willReturn(answer));

        SendOutcome outcome = connector.send(text(), instance(Map.of()), SENDER);

        assertFailure(outcome, expected);
        webex.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aSlowAnswerTimesOutAsRetryable() {
        webex.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, WebexFixtures.text("send-response-queued.json"))
                .withFixedDelay(3_000)));

        long start = System.nanoTime();
        SendOutcome outcome = connector.send(text(), instance(Map.of(WebexConnectConnector.TIMEOUT_MS, "300")), SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "timeout", true, null, null));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void aStalledBodyTimesOutToo() {
        webex.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, WebexFixtures.text("send-response-queued.json"))
                .withChunkedDribbleDelay(20, 8_000)));

        long start = System.nanoTime();
        SendOutcome outcome = connector.send(text(), instance(Map.of(WebexConnectConnector.TIMEOUT_MS, "1500")), SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "timeout", true, null, null));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4_000));
    }

    @Test
    void nothingListeningIsANetworkFailure() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SendOutcome outcome = connector.send(text(), instance(Map.of(WebexConnectConnector.BASE_URL,
                "http://127.0.0.1:" + closedPort)), SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_UNAVAILABLE, "network", true, null, null));
    }

    // --- refused before any call -----------------------------------------------------------------------------------

    static Stream<Arguments> notConfigured() {
        return Stream.of(
                Arguments.of("neither key nor jwt", Map.of(WebexConnectConnector.SERVICE_KEY, " "), SENDER),
                Arguments.of("a key that cannot be a header", Map.of(WebexConnectConnector.SERVICE_KEY, "abc\ndef"), SENDER),
                Arguments.of("base-url left as 'simulator'", Map.of(WebexConnectConnector.BASE_URL, "simulator"), SENDER),
                Arguments.of("base-url with a bad port", Map.of(WebexConnectConnector.BASE_URL, "http://127.0.0.1:99999"), SENDER),
                Arguments.of("base-url not http", Map.of(WebexConnectConnector.BASE_URL, "ftp://api.example"), SENDER),
                Arguments.of("base-url with a query", Map.of(WebexConnectConnector.BASE_URL, "https://api.example/?x=1"), SENDER),
                Arguments.of("sender without app-id", Map.of(),
                        new SenderConfig("demo", "+447911000111", "webex-test", null, null, " ", 80, false, false, Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notConfigured")
    void refusesToSendWhenNotConfigured(String name, Map<String, String> overrides, SenderConfig sender) {
        SendOutcome outcome = connector.send(text(), instance(overrides), sender);

        assertFailure(outcome, new Expected(ErrorCategory.PROVIDER_AUTH, "not-configured", false, null, null));
        webex.verify(0, anyRequestedFor(anyUrl()));
    }

    record Refusal(ErrorCategory category, String code, String detailContains) {}

    static Stream<Arguments> unsendable() {
        return Stream.of(
                Arguments.of("template without a Webex id for its language",
                        new Content.Template("order_update", "de", null, null, List.of("Ada"), null),
                        new Refusal(ErrorCategory.TEMPLATE_INVALID, "template-not-mapped", "'order_update' in language 'de'")),
                Arguments.of("unknown template",
                        new Content.Template("no_such_template", "en", null, null, List.of(), null),
                        new Refusal(ErrorCategory.TEMPLATE_INVALID, "template-not-mapped", "'no_such_template'")),
                Arguments.of("template url button",
                        new Content.Template("order_update", "en_GB", null, null, List.of(),
                                List.of(new Content.TemplateButton(0, "url", null, "track/4711"))),
                        new Refusal(ErrorCategory.UNSUPPORTED_CONTENT, "unsupported-content", "'url'")),
                Arguments.of("quick reply without its text",
                        new Content.Template("order_update", "en_GB", null, null, List.of(),
                                List.of(new Content.TemplateButton(0, "quick_reply", "ok", null))),
                        new Refusal(ErrorCategory.INVALID_REQUEST, "invalid-message", "needs 'text'")),
                Arguments.of("media by WhatsApp media id",
                        new Content.Media(ContentType.IMAGE, null, "1037543291543636", null, null),
                        new Refusal(ErrorCategory.UNSUPPORTED_CONTENT, "unsupported-content", "by URL only")),
                Arguments.of("media URL without a known extension",
                        media(ContentType.DOCUMENT, "https://cdn.example.org/download?id=42", null, null),
                        new Refusal(ErrorCategory.MEDIA, "media-type-unknown", "file extension")),
                Arguments.of("reaction", new Content.Reaction("6f1c2a9e-4b7d-4e21-9c3a-1d2e3f4a5b6c", "👍"),
                        new Refusal(ErrorCategory.UNSUPPORTED_CONTENT, "unsupported-content", "'reaction'")),
                Arguments.of("list with an image header",
                        new Content.ListMessage("Pick", "Sizes", Content.Header.of("image", null, "https://x.example/a.png",
                                null, null), null, List.of(new Content.Section(null, List.of(new Content.Row("a", "A", null))))),
                        new Refusal(ErrorCategory.UNSUPPORTED_CONTENT, "unsupported-content", "text")),
                Arguments.of("location without coordinates", new Content.Location(null, null, "Somewhere", null),
                        new Refusal(ErrorCategory.INVALID_REQUEST, "invalid-message", "latitude")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsendable")
    void contentItCannotExpressFailsWithoutACall(String name, Content content, Refusal expected) {
        SendOutcome outcome = connector.send(message(UK, content, null, null), instance(Map.of()), SENDER);

        assertFailure(outcome, new Expected(expected.category(), expected.code(), false, null, null));
        assertThat(((SendOutcome.Failed) outcome).error().detail()).contains(expected.detailContains());
        webex.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMessageWithoutRecipientFailsWithoutACall() {
        SendOutcome outcome = connector.send(message(new Recipient(null, null), new Content.Text("Hi", false), null, null),
                instance(Map.of()), SENDER);

        assertFailure(outcome, new Expected(ErrorCategory.INVALID_REQUEST, "invalid-message", false, null, null));
        webex.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void logsNeitherKeyNorBodyNorFullNumber() {
        LogCapture logs = LogCapture.of("io.wagateway.connector");
        try (logs) {
            webex.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, WebexFixtures.text("send-error-7001.json"))));
            connector.send(text(), instance(Map.of()), SENDER);
            webex.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, WebexFixtures.text("send-response-queued.json"))));
            connector.send(text(), instance(Map.of()), SENDER);
            connector.send(text(), instance(Map.of(WebexConnectConnector.JWT, "eyJ.secret.jwt")), SENDER);
        }
        assertThat(logs.events()).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(KEY, "eyJ.secret.jwt", "447911123456", "Your order"));
        assertThat(logs.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains(GATEWAY_ID, Redact.phone(UK.phone()), "PROVIDER_AUTH"));
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
        assertThat(failed.retryAfter()).isEqualTo(expected.retryAfter());
    }

    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                WebexConnectConnector.BASE_URL, webex.baseUrl(),
                WebexConnectConnector.SERVICE_KEY, KEY));
        settings.putAll(overrides);
        return new ConnectorInstance("webex-test", WebexConnectConnector.TYPE, settings);
    }
}
