package io.wagateway.connector.webex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Delivery receipts ({@code deliveryInfoNotification}), each a signed fixture through the webhook door. */
class WebexReceiptsTest {

    static final String SECRET = "hub-secret-for-tests";
    static final String TRANSID = "6f1c2a9e-4b7d-4e21-9c3a-1d2e3f4a5b6c";
    static final String LEGACY_TRANSID = "2b9d6c41-58e3-4f0a-a7c2-93e1d4b6f508";
    static final String OUR_ID = "01JGXW0000000000000000WBX1";
    static final String BSUID = "GB.1398204155762934";
    static final String HASH = "Qm9vdHN0cmFwSGFzaDE=";
    static final Instant AT = Instant.parse("2026-05-08T11:12:14Z");

    private final WebexConnectConnector connector = new WebexConnectConnector(new ObjectMapper().findAndRegisterModules());

    /** The receipt expected; {@code category} null means no error. */
    record Expected(String providerMessageId, String gatewayId, MessageStatus status, String providerStatus,
                    Instant occurredAt, String waId, String userId, String identityHash, ErrorCategory category,
                    String code, Boolean retryable) {

        static Expected ok(String gatewayId, MessageStatus status, String providerStatus, Instant at, String waId,
                           String userId, String hash) {
            return new Expected(TRANSID, gatewayId, status, providerStatus, at, waId, userId, hash, null, null, null);
        }

        static Expected failed(String providerStatus, ErrorCategory category, String code, boolean retryable) {
            return new Expected(TRANSID, OUR_ID, MessageStatus.FAILED, providerStatus, AT, "447911123456", null, null,
                    category, code, retryable);
        }

        Expected hash(String value) {
            return new Expected(providerMessageId, gatewayId, status, providerStatus, occurredAt, waId, userId, value,
                    category, code, retryable);
        }

        Expected recipient(String newWaId, String newUserId) {
            return new Expected(providerMessageId, gatewayId, status, providerStatus, occurredAt, newWaId, newUserId,
                    identityHash, category, code, retryable);
        }

        Expected transid(String id, Instant at) {
            return new Expected(id, gatewayId, status, providerStatus, at, waId, userId, identityHash, category, code,
                    retryable);
        }
    }

    static Stream<Arguments> receipts() {
        return Stream.of(
                Arguments.of("webhook-dr-submitted.json", Expected.ok(OUR_ID, MessageStatus.SENT, "7501 submitted",
                        Instant.parse("2026-05-08T11:12:13.217Z"), "447911123456", null, HASH)),
                Arguments.of("webhook-dr-delivered.json", Expected.ok(OUR_ID, MessageStatus.DELIVERED, "7500 delivered",
                        Instant.parse("2026-05-08T11:12:14.001Z"), "447911123456", null, HASH)),
                Arguments.of("webhook-dr-read-bsuid.json", Expected.ok(OUR_ID, MessageStatus.READ, "7502 read",
                        Instant.parse("2026-05-08T11:13:00Z"), null, BSUID, null)),
                Arguments.of("webhook-dr-sent-legacy.json", new Expected(LEGACY_TRANSID, "01JGXW0000000000000000WBX2",
                        MessageStatus.SENT, "7500 sent", Instant.parse("2026-05-08T11:10:30.068Z"), "16505551234", null,
                        null, null, null, null)),
                Arguments.of("webhook-dr-failed-7200-131047.json",
                        Expected.failed("7200 failed", ErrorCategory.OUTSIDE_SERVICE_WINDOW, "131047", false)),
                Arguments.of("webhook-dr-failed-7200-131049.json",
                        Expected.failed("7200 failed", ErrorCategory.POLICY, "131049", false)
                                .transid(TRANSID, Instant.parse("2025-02-21T11:25:48.539Z"))),
                Arguments.of("webhook-dr-failed-additional-info-array-470.json",
                        new Expected(LEGACY_TRANSID, "01JGXW0000000000000000WBX2", MessageStatus.FAILED, "7200 failed",
                                Instant.parse("2026-05-08T11:03:37.454Z"), "16505551234", null, null,
                                ErrorCategory.OUTSIDE_SERVICE_WINDOW, "470", false)),
                Arguments.of("webhook-dr-failed-7200-unknown-whatsapp-code.json",
                        Expected.failed("7200 failed", ErrorCategory.UNKNOWN, "7200", false)),
                Arguments.of("webhook-dr-failed-7862-hash-mismatch.json",
                        Expected.failed("7862 failed", ErrorCategory.IDENTITY_MISMATCH, "7862", false)
                                .hash("TmV3SWRlbnRpdHlIYXNo")),
                Arguments.of("webhook-dr-failed-7802-identity-changed.json",
                        Expected.failed("7802 failed", ErrorCategory.IDENTITY_MISMATCH, "7802", false)),
                Arguments.of("webhook-dr-failed-7710.json",
                        Expected.failed("7710 failed", ErrorCategory.OUTSIDE_SERVICE_WINDOW, "7710", false)),
                Arguments.of("webhook-dr-failed-7838-bsuid.json",
                        Expected.failed("7838 failed", ErrorCategory.INVALID_REQUEST, "100", false).recipient(null, BSUID)),
                Arguments.of("webhook-dr-failed-7737-plain-text.json",
                        Expected.failed("7737 failed", ErrorCategory.RECIPIENT_INVALID, "7737", false)),
                Arguments.of("webhook-dr-failed-7845-throughput.json",
                        Expected.failed("7845 failed", ErrorCategory.RATE_LIMITED, "130429", true)),
                Arguments.of("webhook-dr-failed-unknown-webex-code.json",
                        Expected.failed("7999 failed", ErrorCategory.UNKNOWN, "7999", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receipts")
    void readsEachReceipt(String fixture, Expected expected) {
        WebhookResult result = connector.handleWebhook(signed(WebexFixtures.bytes(fixture)), instance());

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.events()).singleElement().isInstanceOfSatisfying(ProviderEvent.Receipt.class, r -> {
            assertThat(r.providerMessageId()).isEqualTo(expected.providerMessageId());
            assertThat(r.gatewayMessageId()).isEqualTo(expected.gatewayId());
            assertThat(r.status()).isEqualTo(expected.status());
            assertThat(r.providerStatus()).isEqualTo(expected.providerStatus());
            assertThat(r.occurredAt()).isEqualTo(expected.occurredAt());
            assertThat(r.recipientWaId()).isEqualTo(expected.waId());
            assertThat(r.recipientUserId()).isEqualTo(expected.userId());
            assertThat(r.identityHash()).isEqualTo(expected.identityHash());
            assertThat(r.pricing()).isNull();
            if (expected.category() == null) {
                assertThat(r.error()).isNull();
            } else {
                assertThat(r.error().category()).isEqualTo(expected.category());
                assertThat(r.error().code()).isEqualTo(expected.code());
                assertThat(r.error().retryable()).isEqualTo(expected.retryable());
                assertThat(r.error().title()).isNotBlank();
            }
        });
    }

    @Test
    void theWhatsAppReasonIsKeptInTitleAndTheWebexCodeInDetail() {
        ProviderEvent.Receipt receipt = only(connector.handleWebhook(
                signed(WebexFixtures.bytes("webhook-dr-failed-7200-131049.json")), instance()));

        assertThat(receipt.error().title())
                .isEqualTo("In order to maintain a healthy ecosystem engagement, the message failed to be delivered.");
        assertThat(receipt.error().detail()).startsWith("Webex Connect code 7200.");
    }

    @Test
    void anUnknownWhatsAppCodeStaysVisibleInTheDetail() {
        ProviderEvent.Receipt receipt = only(connector.handleWebhook(
                signed(WebexFixtures.bytes("webhook-dr-failed-7200-unknown-whatsapp-code.json")), instance()));

        assertThat(receipt.error().detail()).startsWith("WhatsApp code 999123: Something WhatsApp added later.");
    }

    @Test
    void theSameNotificationRetriedHasTheSameDedupeKeyAndEachStepItsOwn() {
        byte[] submitted = WebexFixtures.bytes("webhook-dr-submitted.json");
        ProviderEvent.Receipt first = only(connector.handleWebhook(signed(submitted), instance()));
        ProviderEvent.Receipt retry = only(connector.handleWebhook(signed(submitted), instance()));
        ProviderEvent.Receipt delivered = only(connector.handleWebhook(
                signed(WebexFixtures.bytes("webhook-dr-delivered.json")), instance()));
        ProviderEvent.Receipt legacySent = only(connector.handleWebhook(
                signed(WebexFixtures.bytes("webhook-dr-sent-legacy.json")), instance()));

        assertThat(retry.dedupeKey()).isEqualTo(first.dedupeKey());
        assertThat(delivered.dedupeKey()).isNotEqualTo(first.dedupeKey());
        // the older "Sent" shape reuses code 7500: the word keeps it apart from Delivered
        assertThat(legacySent.providerStatus()).isNotEqualTo(delivered.providerStatus());
    }

    static Stream<Arguments> skipped() {
        return Stream.of(
                Arguments.of("no transid: cannot be deduplicated safely", "webhook-dr-no-transid.json"),
                Arguments.of("a receipt type the gateway does not know", "webhook-dr-unknown-status.json"),
                Arguments.of("an app event nobody handles", "webhook-unknown-event.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skipped")
    void isAcceptedButCarriesNothing(String name, String fixture) {
        WebhookResult result = connector.handleWebhook(signed(WebexFixtures.bytes(fixture)), instance());

        assertThat(result.accepted()).isTrue();
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.events()).isEmpty();
    }

    @Test
    void anArrayOfNotificationsGivesOneReceiptEach() {
        String body = "[" + WebexFixtures.text("webhook-dr-submitted.json") + ","
                + WebexFixtures.text("webhook-dr-read-bsuid.json") + "]";

        WebhookResult result = connector.handleWebhook(signed(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                instance());

        assertThat(result.events()).extracting(e -> ((ProviderEvent.Receipt) e).status())
                .containsExactly(MessageStatus.SENT, MessageStatus.READ);
    }

    static ProviderEvent.Receipt only(WebhookResult result) {
        List<ProviderEvent> events = result.events();
        assertThat(events).hasSize(1);
        return (ProviderEvent.Receipt) events.get(0);
    }

    static WebhookRequest signed(byte[] body) {
        return new WebhookRequest("POST", Map.of("content-type", "application/json",
                "x-hub-signature", HubSignature.sign(HubSignature.Algorithm.SHA256, body, SECRET)), Map.of(), body);
    }

    static ConnectorInstance instance() {
        return new ConnectorInstance("webex-test", WebexConnectConnector.TYPE, Map.of(
                WebexConnectConnector.SERVICE_KEY, "unused", WebexConnectConnector.HUB_SECRET, SECRET));
    }
}
