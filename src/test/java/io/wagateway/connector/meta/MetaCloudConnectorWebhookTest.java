package io.wagateway.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.support.LogCapture;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.connector.cloudapi.Fixtures;
import io.wagateway.connector.cloudapi.HubSignature;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook door: Meta's GET handshake and signed POSTs. */
class MetaCloudConnectorWebhookTest {

    private static final String APP_SECRET = "app-secret-for-tests";
    private static final String VERIFY_TOKEN = "verify-token-for-tests";

    private final MetaCloudConnector connector = new MetaCloudConnector(new ObjectMapper().findAndRegisterModules());
    private final ConnectorInstance instance = instance(Map.of());

    // --- GET verification handshake ------------------------------------------------------------------------------

    static Stream<Arguments> handshakes() {
        return Stream.of(
                Arguments.of("right token", query("subscribe", VERIFY_TOKEN, "1158201444"),
                        WebhookResult.reply(200, "text/plain", "1158201444")),
                Arguments.of("wrong token", query("subscribe", "guess", "1158201444"),
                        WebhookResult.refused(403, "verification failed")),
                Arguments.of("token differing only in case", query("subscribe", VERIFY_TOKEN.toUpperCase(), "1"),
                        WebhookResult.refused(403, "verification failed")),
                Arguments.of("no token", query("subscribe", null, "1158201444"),
                        WebhookResult.refused(403, "verification failed")),
                Arguments.of("wrong mode", query("unsubscribe", VERIFY_TOKEN, "1158201444"),
                        WebhookResult.refused(403, "verification failed")),
                Arguments.of("no challenge", query("subscribe", VERIFY_TOKEN, null),
                        WebhookResult.refused(403, "verification failed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handshakes")
    void answersTheHandshake(String name, Map<String, String> query, WebhookResult expected) {
        WebhookResult result = connector.handleWebhook(new WebhookRequest("GET", Map.of(), query, new byte[0]), instance);

        assertThat(result).isEqualTo(expected);
    }

    @Test
    void refusesTheHandshakeWhenNoVerifyTokenIsConfigured() {
        ConnectorInstance unconfigured = instance(Map.of(MetaCloudConnector.VERIFY_TOKEN, ""));

        WebhookResult result = connector.handleWebhook(
                new WebhookRequest("GET", Map.of(), query("subscribe", "", "42"), new byte[0]), unconfigured);

        assertThat(result.httpStatus()).isEqualTo(403);
        assertThat(result.accepted()).isFalse();
    }

    // --- signed POSTs --------------------------------------------------------------------------------------------

    static Stream<Arguments> posts() {
        byte[] body = Fixtures.metaBytes("webhook-status-batched.json");
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[body.length / 2] ^= 1;
        byte[] malformed = "{\"object\":\"whatsapp_business_account\",\"entry\":[".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                // four receipts, an inbound message and a template notice
                Arguments.of("good signature", body, HubSignature.sign(body, APP_SECRET), 200, true, 6),
                Arguments.of("missing signature", body, null, 401, false, 0),
                Arguments.of("empty signature", body, "", 401, false, 0),
                Arguments.of("signed with another secret", body, HubSignature.sign(body, "not-the-secret"), 403, false, 0),
                Arguments.of("tampered body", tampered, HubSignature.sign(body, APP_SECRET), 403, false, 0),
                Arguments.of("not a signature", body, "sha256=xyz", 403, false, 0),
                Arguments.of("malformed JSON, signed", malformed, HubSignature.sign(malformed, APP_SECRET), 400, false, 0),
                Arguments.of("inbound message only, signed", Fixtures.metaBytes("webhook-inbound-text.json"),
                        HubSignature.sign(Fixtures.metaBytes("webhook-inbound-text.json"), APP_SECRET), 200, true, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posts")
    void checksTheSignatureBeforeReadingTheBody(String name, byte[] body, String signature, int status,
                                                boolean accepted, int events) {
        WebhookResult result = connector.handleWebhook(post(body, signature), instance);

        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.accepted()).isEqualTo(accepted);
        assertThat(result.events()).hasSize(events);
    }

    @Test
    void aSignedStatusBecomesACanonicalReceipt() {
        byte[] body = Fixtures.metaBytes("webhook-status-failed-137000.json");

        WebhookResult result = connector.handleWebhook(post(body, HubSignature.sign(body, APP_SECRET)), instance);

        assertThat(result).extracting(WebhookResult::httpStatus, WebhookResult::contentType, WebhookResult::body)
                .containsExactly(200, "text/plain", "OK");
        assertThat(result.events()).singleElement().isInstanceOfSatisfying(ProviderEvent.Receipt.class, r -> {
            assertThat(r.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(r.gatewayMessageId()).isEqualTo("01JGX7D5F9H1K3M5P7R9T1V3X5");
            assertThat(r.error().category()).isEqualTo(ErrorCategory.IDENTITY_MISMATCH);
            assertThat(r.error().retryable()).isFalse();
        });
    }

    @Test
    void logsNoNumberTextOrWamidWhileReadingInboundWebhooks() {
        LogCapture logs = LogCapture.of("io.wagateway.connector");
        try (logs) {
            for (String fixture : List.of("webhook-inbound-text.json", "webhook-inbound-group.json",
                    "webhook-system-unknown-type.json", "webhook-inbound-unknown-type.json",
                    "webhook-unknown-field.json", "webhook-errors-value-level.json")) {
                byte[] body = Fixtures.metaBytes(fixture);
                assertThat(connector.handleWebhook(post(body, HubSignature.sign(body, APP_SECRET)), instance)
                        .accepted()).isTrue();
            }
        }
        assertThat(logs.events()).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain("447911123456", "wamid.", "Is my order ready", "Hi all"));
        assertThat(logs.events()).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("group"));
    }

    @Test
    void withoutAnAppSecretNothingIsAcceptedAndMetaWillRetry() {
        byte[] body = Fixtures.metaBytes("webhook-status-read.json");
        ConnectorInstance unconfigured = instance(Map.of(MetaCloudConnector.APP_SECRET, ""));

        WebhookResult result = connector.handleWebhook(post(body, HubSignature.sign(body, APP_SECRET)), unconfigured);

        assertThat(result.accepted()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(500);
        assertThat(result.events()).isEmpty();
    }

    @Test
    void otherMethodsAreRefused() {
        WebhookResult result = connector.handleWebhook(new WebhookRequest("PUT", Map.of(), Map.of(), new byte[0]),
                instance);

        assertThat(result).isEqualTo(WebhookResult.refused(405, "method not allowed"));
    }

    @Test
    void describesItself() {
        assertThat(connector.type()).isEqualTo("meta-cloud");
        assertThat(connector.secretSettings()).containsExactlyInAnyOrder("access-token", "app-secret", "verify-token");
        assertThat(connector.capabilities().contentTypes())
                .containsExactlyInAnyOrder(io.wagateway.model.ContentType.values());
        assertThat(connector.capabilities().readReceipts()).isTrue();
        assertThat(connector.capabilities().businessScopedUserIds()).isTrue();
    }

    private static WebhookRequest post(byte[] body, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (signature != null) {
            headers.put("x-hub-signature-256", signature);
        }
        return new WebhookRequest("POST", headers, Map.of(), body);
    }

    private static Map<String, String> query(String mode, String token, String challenge) {
        Map<String, String> query = new HashMap<>();
        query.put("hub.mode", mode);
        if (token != null) {
            query.put("hub.verify_token", token);
        }
        if (challenge != null) {
            query.put("hub.challenge", challenge);
        }
        return query;
    }

    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                MetaCloudConnector.ACCESS_TOKEN, "EAAG-unused",
                MetaCloudConnector.APP_SECRET, APP_SECRET,
                MetaCloudConnector.VERIFY_TOKEN, VERIFY_TOKEN));
        settings.putAll(overrides);
        return new ConnectorInstance("meta-test", MetaCloudConnector.TYPE, settings);
    }
}
