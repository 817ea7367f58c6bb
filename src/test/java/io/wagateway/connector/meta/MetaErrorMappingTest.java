package io.wagateway.connector.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SendOutcome;
import io.wagateway.connector.SenderConfig;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.connector.cloudapi.HubSignature;
import io.wagateway.model.Content;
import io.wagateway.model.MessageError;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@code connectors/meta-cloud/errors.csv} is reachable through the connector: a Meta code, sent back
 * by the Graph API, in a failed status webhook and in {@code value.errors[]}, lands on its row; each condition the
 * gateway detects itself has a stimulus here that produces it. A new row without a way to reach it fails this test.
 */
class MetaErrorMappingTest {

    private static final String APP_SECRET = "mapping-secret";
    private static final String PATH = "/v25.0/104200000000117/messages";
    private static final SenderConfig SENDER = new SenderConfig("demo", "+447911000111", "meta-map",
            "104200000000117", null, null, 80, false, false, Map.of());
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private static final ErrorCatalogue CATALOGUE = ErrorCatalogue.load(MetaCloudConnector.TYPE);

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

    static Stream<ErrorCatalogue.Entry> metaCodes() {
        return CATALOGUE.entries().stream().filter(e -> Character.isDigit(e.code().charAt(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metaCodes")
    void aMetaCodeLandsOnItsRowFromEverySource(ErrorCatalogue.Entry row) {
        for (String code : codesOf(row)) {
            meta.stubFor(post(urlEqualTo(PATH)).willReturn(graphError(400, code)));
            SendOutcome.Failed sync = (SendOutcome.Failed) connector.send(text(), instance(Map.of()), SENDER);
            assertLandsOn(sync.error(), code, row);

            ProviderEvent.Receipt receipt = (ProviderEvent.Receipt) webhook("""
                    {"entry":[{"changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.MAP","status":"failed",
                      "timestamp":"1767276000","errors":[{"code":%s}]}]}}]}]}""".formatted(code));
            assertLandsOn(receipt.error(), code, row);

            ProviderEvent.Notice notice = (ProviderEvent.Notice) webhook("""
                    {"entry":[{"changes":[{"field":"messages","value":{"errors":[{"code":%s}]}}]}]}""".formatted(code));
            assertThat(notice.data()).containsEntry("category", row.category().name())
                    .containsEntry("retryable", Boolean.toString(row.retryable()));
        }
    }

    @Test
    void everyConditionTheGatewayDetectsHasAStimulus() {
        List<String> conditions = CATALOGUE.entries().stream().map(ErrorCatalogue.Entry::code)
                .filter(code -> !Character.isDigit(code.charAt(0))).toList();

        assertThat(stimuli().keySet()).containsExactlyInAnyOrderElementsOf(conditions);
    }

    static Stream<String> conditions() {
        return CATALOGUE.entries().stream().map(ErrorCatalogue.Entry::code).filter(c -> !Character.isDigit(c.charAt(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void aConditionLandsOnItsRow(String code) {
        Supplier<MessageError> stimulus = stimuli().get(code);
        assertThat(stimulus).as("a stimulus for %s", code).isNotNull();

        assertLandsOn(stimulus.get(), code, CATALOGUE.lookup(code));
    }

    /** How to make the connector meet each condition that has no Meta code. */
    private Map<String, Supplier<MessageError>> stimuli() {
        Map<String, Supplier<MessageError>> stimuli = new LinkedHashMap<>();
        stimuli.put("http-429", () -> answer(aResponse().withStatus(429)));
        stimuli.put("http-5xx", () -> answer(aResponse().withStatus(502)));
        stimuli.put("http-401", () -> answer(aResponse().withStatus(401)));
        stimuli.put("http-403", () -> answer(aResponse().withStatus(403)));
        stimuli.put("http-4xx", () -> answer(aResponse().withStatus(404).withBody("<h1>no such page</h1>")));
        stimuli.put("timeout", () -> send(text(), Map.of(MetaCloudConnector.TIMEOUT_MS, "200"),
                aResponse().withStatus(200).withFixedDelay(2_000)));
        stimuli.put("network", () -> answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        stimuli.put("unreadable-response", () -> answer(aResponse().withStatus(200).withBody("{}")));
        stimuli.put("not-configured", () -> send(text(), Map.of(MetaCloudConnector.ACCESS_TOKEN, ""), null));
        stimuli.put("unsupported-content", () -> send(message(new Content.ListMessage("Pick", "Options",
                Content.Header.of("video", null, "https://example.org/v.mp4", null, null), null,
                List.of(new Content.Section(null, List.of(new Content.Row("a", "A", null)))))), Map.of(), null));
        stimuli.put("invalid-message", () -> send(new OutboundMessage("01JGXM0000000000000000MAP1", "demo", "demo",
                new Recipient(null, null), null, new Content.Text("Hi", false), null, null, Instant.EPOCH, null),
                Map.of(), null));
        stimuli.put("unsupported-inbound", () -> ((ProviderEvent.Inbound) webhook("""
                {"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"447911123456",
                  "id":"wamid.MAP-IN","timestamp":"1767276000","type":"ephemeral"}]}}]}]}""")).content().error());
        return stimuli;
    }

    private static void assertLandsOn(MessageError error, String code, ErrorCatalogue.Entry row) {
        assertThat(error.code()).isEqualTo(code);
        assertThat(CATALOGUE.find(code)).contains(row);
        assertThat(error.category()).as("category of %s", code).isEqualTo(row.category());
        assertThat(error.retryable()).as("retryable of %s", code).isEqualTo(row.retryable());
    }

    /** A row's code; for a range its first and last value. */
    private static List<String> codesOf(ErrorCatalogue.Entry row) {
        Matcher range = RANGE.matcher(row.code());
        return range.matches() ? List.of(range.group(1), range.group(2)) : List.of(row.code());
    }

    private MessageError answer(ResponseDefinitionBuilder answer) {
        return send(text(), Map.of(), answer);
    }

    private MessageError send(OutboundMessage message, Map<String, String> overrides, ResponseDefinitionBuilder answer) {
        meta.resetAll();
        if (answer != null) {
            meta.stubFor(post(urlEqualTo(PATH)).willReturn(answer));
        }
        SendOutcome outcome = connector.send(message, instance(overrides), SENDER);
        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        return ((SendOutcome.Failed) outcome).error();
    }

    private ProviderEvent webhook(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        WebhookResult result = connector.handleWebhook(new WebhookRequest("POST",
                Map.of("x-hub-signature-256", HubSignature.sign(body, APP_SECRET)), Map.of(), body), instance(Map.of()));
        assertThat(result.events()).hasSize(1);
        return result.events().get(0);
    }

    private static ResponseDefinitionBuilder graphError(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"(#%s) From the catalogue","type":"OAuthException","code":%s}}"""
                .formatted(code, code));
    }

    private static OutboundMessage text() {
        return message(new Content.Text("Hello", false));
    }

    private static OutboundMessage message(Content content) {
        return new OutboundMessage("01JGXM0000000000000000MAP1", "demo", "demo", Recipient.phone("+447911123456"),
                null, content, null, null, Instant.EPOCH, null);
    }

    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(MetaCloudConnector.BASE_URL, meta.baseUrl(),
                MetaCloudConnector.ACCESS_TOKEN, "EAAG-map", MetaCloudConnector.APP_SECRET, APP_SECRET));
        settings.putAll(overrides);
        return new ConnectorInstance("meta-map", MetaCloudConnector.TYPE, settings);
    }
}
