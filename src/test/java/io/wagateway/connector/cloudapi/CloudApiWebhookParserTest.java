package io.wagateway.connector.cloudapi;

import static io.wagateway.model.ErrorCategory.IDENTITY_MISMATCH;
import static io.wagateway.model.ErrorCategory.OUTSIDE_SERVICE_WINDOW;
import static io.wagateway.model.ErrorCategory.POLICY;
import static io.wagateway.model.ErrorCategory.RATE_LIMITED;
import static io.wagateway.model.ErrorCategory.UNKNOWN;
import static io.wagateway.model.MessageStatus.DELIVERED;
import static io.wagateway.model.MessageStatus.FAILED;
import static io.wagateway.model.MessageStatus.READ;
import static io.wagateway.model.MessageStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.SenderRef;
import io.wagateway.connector.StatusMap;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.ProviderEvent.Receipt;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageError;
import io.wagateway.model.Pricing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each case: a raw Meta webhook body (a fixture) and the canonical events it must give. */
class CloudApiWebhookParserTest {

    private static final String WAMID_A = "wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBJBMUYwMkU5QzQ0QjdEMDM1NkEA";
    private static final String GW_A = "01JGX3K8W5N7Q2RX4T6V9Y0B1C";
    private static final String WA_ID = "15550104567";
    /** The batch's template change has no entry time: the parser's clock stands in. */
    private static final Instant BATCH_TEMPLATE_AT = Instant.parse("2026-01-03T00:00:00Z");

    private final CloudApiWebhookParser parser = new CloudApiWebhookParser(new ObjectMapper().findAndRegisterModules(),
            ErrorCatalogue.load("meta-cloud"), StatusMap.load("meta-cloud"),
            Clock.fixed(BATCH_TEMPLATE_AT, ZoneOffset.UTC));

    record Case(String fixture, List<ProviderEvent> expected) {
        @Override
        public String toString() { return fixture; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("webhook-status-sent-pmp.json", List.of(
                        new Receipt(WAMID_A, GW_A, SENT, "sent", at("2026-01-01T12:00:00Z"), null,
                                new Pricing(true, "utility", "PMP", "regular"), WA_ID, null, null))),
                new Case("webhook-status-sent-cbp.json", List.of(
                        new Receipt("wamid.HBgMNDQ3NzAwOTAwMzIxFQIAERgSQkM3RDAxRTVGMjIzQTk4NjQA", null, SENT, "sent",
                                at("2024-07-01T08:00:00Z"), null, new Pricing(true, "business_initiated", "CBP", null),
                                "447700900321", null, null))),
                new Case("webhook-status-delivered-identity-bsuid.json", List.of(
                        new Receipt(WAMID_A, GW_A, DELIVERED, "delivered", at("2026-01-01T12:00:30Z"), null,
                                new Pricing(false, "service", "PMP", "free_customer_service"), WA_ID,
                                "US.20481632641282565121", "q7Zr2Lm9Xw4="))),
                new Case("webhook-status-read.json", List.of(
                        new Receipt(WAMID_A, GW_A, READ, "read", at("2026-01-01T12:01:30Z"), null, null, WA_ID,
                                null, null))),
                new Case("webhook-status-played.json", List.of(
                        new Receipt("wamid.HBgLMTU1NTAxOTg3NjUVAgARGBJEOUUxMEY0NDdBQjM2MkMwQjkA",
                                "01JGX4A2C6E8G0J2L4N6Q8S0U2", READ, "played", at("2026-01-01T12:03:20Z"), null, null,
                                "15550198765", null, null))),
                new Case("webhook-status-failed-131047.json", List.of(
                        new Receipt("wamid.HBgMNDQ3NzAwOTAwMzIxFQIAERgSMDk4N0ZFRENCQTEyMzQ1Njc4AA==",
                                "01JGX5B3D7F9H1K3M5P7R9T1V3", FAILED, "failed", at("2026-01-01T12:20:00Z"),
                                new MessageError(OUTSIDE_SERVICE_WINDOW, "131047", "Re-engagement message",
                                        "The last message from this user is older than 24 hours.", false),
                                null, "447700900321", null, null))),
                new Case("webhook-status-failed-131049.json", List.of(
                        new Receipt("wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBI1NTY2Nzc4ODk5QUFCQkNDREQA",
                                "01JGX6C4E8G0J2L4N6Q8S0U2W4", FAILED, "failed", at("2026-01-01T12:36:40Z"),
                                new MessageError(POLICY, "131049", "Message not delivered to keep engagement healthy",
                                        "Meta chose not to deliver this marketing message.", false),
                                null, WA_ID, null, null))),
                // no title in the body: the catalogue's title stands in
                new Case("webhook-status-failed-137000.json", List.of(
                        new Receipt("wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBJGRkVFRERDQ0JCQUE5OTg4NzcA",
                                "01JGX7D5F9H1K3M5P7R9T1V3X5", FAILED, "failed", at("2026-01-01T12:53:20Z"),
                                new MessageError(IDENTITY_MISMATCH, "137000", "Identity key hash mismatch",
                                        "Identity key hash does not match the recipient's current identity.", false),
                                null, WA_ID, null, null))),
                new Case("webhook-status-failed-unknown-code.json", List.of(
                        new Receipt("wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBIxMjEyMzQzNDU2NTY3ODc4OTkA", null, FAILED,
                                "failed", at("2026-01-01T13:10:00Z"),
                                new MessageError(UNKNOWN, "999999", "Brand new failure",
                                        "A code this gateway has never seen.", false),
                                null, WA_ID, null, null))),
                // two entries, three messages changes, a template change, an inbound message, 'deleted' and an
                // unknown word: the four real receipts, the inbound message and the template notice, in order
                new Case("webhook-status-batched.json", List.of(
                        new Receipt("wamid.BATCH-0001", "01JGX8BATCH000000000000001", SENT, "sent",
                                at("2026-01-01T13:26:40Z"), null, null, "15550100001", null, null),
                        new Receipt("wamid.BATCH-0002", "01JGX8BATCH000000000000002", DELIVERED, "delivered",
                                at("2026-01-01T13:26:41Z"), null, null, "15550100002", null, null),
                        new Receipt("wamid.BATCH-0003", null, READ, "read", at("2026-01-01T13:26:43Z"), null, null,
                                "15550100003", null, null),
                        new ProviderEvent.Inbound("wamid.INBOUND-0001", SenderRef.phoneNumberId("104200000000117"),
                                // a 555 number is no valid phone: only its wa_id is kept
                                new ContactRef(null, "15550100003", null, "Bo Tester", null), at("2026-01-01T13:26:42Z"),
                                InboundContent.text("hi there"), null),
                        new ProviderEvent.Notice("template.status_changed", null, BATCH_TEMPLATE_AT, "APPROVED",
                                "Template order_ready (en_GB) is now APPROVED", null, Map.of("wabaId", "209900000000043",
                                "event", "APPROVED", "templateId", "777000111", "templateName", "order_ready",
                                "language", "en_GB", "reason", "NONE")),
                        new Receipt("wamid.BATCH-0006", "01JGX8BATCH000000000000006", FAILED, "failed",
                                at("2026-01-01T13:26:46Z"),
                                new MessageError(RATE_LIMITED, "130429", "Rate limit hit",
                                        "Throughput for this number was exceeded.", true),
                                null, "447700900321", null, null))),
                new Case("webhook-status-failed-131026.json", List.of(
                        new Receipt("wamid.HBgMNDQ3OTExMTIzNDU2FQIAERgSVU5ERUxJVkVSQUJMRTEA",
                                "01JGX9E6G0J2L4N6Q8S0U2W4Y6", FAILED, "failed", at("2026-01-01T14:01:40Z"),
                                new MessageError(io.wagateway.model.ErrorCategory.RECIPIENT_UNREACHABLE, "131026",
                                        "Message undeliverable",
                                        "Message failed to send because the recipient is not on WhatsApp.", false),
                                null, "447911123456", null, null))),
                new Case("webhook-status-timestamp-number.json", List.of(
                        new Receipt("wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBJOVU1CRVJUSU1FU1RBTVAwMQA=", null, DELIVERED,
                                "delivered", at("2026-01-01T12:00:20Z"), null, null, WA_ID, null, null))),
                new Case("webhook-status-timestamp-millis.json", List.of(
                        new Receipt("wamid.HBgLMTU1NTAxMDQ1NjcVAgARGBJNSUxMSVNUSU1FU1RBTVAwMQA=", null, SENT, "sent",
                                at("2026-01-01T12:00:05.123Z"), null, null, WA_ID, null, null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesWebhookBody(Case c) {
        assertThat(parser.parse(Fixtures.metaBytes(c.fixture()))).containsExactlyElementsOf(c.expected());
    }

    @Test
    void repeatedReceiptsShareADedupeKeyAndDifferentStatusesDoNot() {
        Receipt delivered = (Receipt) parser.parse(Fixtures.metaBytes("webhook-status-delivered-identity-bsuid.json")).get(0);
        Receipt again = (Receipt) parser.parse(Fixtures.metaBytes("webhook-status-delivered-identity-bsuid.json")).get(0);
        Receipt read = (Receipt) parser.parse(Fixtures.metaBytes("webhook-status-read.json")).get(0);

        assertThat(delivered.dedupeKey()).isEqualTo(again.dedupeKey()).isEqualTo("status:" + WAMID_A + ":delivered");
        assertThat(read.dedupeKey()).isNotEqualTo(delivered.dedupeKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\"",
            "not json at all",
            "[1,2,3]",
            "\"a string\"",
            ""})
    void malformedBodyIsRefused(String body) {
        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedWebhookException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
            "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":\"oops\"}}]}]}",
            "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[\"oops\",{\"status\":\"sent\"}]}}]}]}",
            "{\"entry\":[{\"changes\":[{\"field\":\"messages\"}]}]}"})
    void oddButValidShapesGiveNoEvents(String body) {
        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void failedStatusWithErrorCodeAsStringAndNoPricing() {
        String body = """
                {"entry":[{"changes":[{"field":"messages","value":{"statuses":[
                  {"id":"wamid.X1","status":"FAILED","timestamp":" 1767268800 ",
                   "errors":[{"code":"131026","message":"Message undeliverable"}]}]}}]}]}
                """;
        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8))).containsExactly(
                new Receipt("wamid.X1", null, FAILED, "failed", at("2026-01-01T12:00:00Z"),
                        new MessageError(io.wagateway.model.ErrorCategory.RECIPIENT_UNREACHABLE, "131026",
                                "Message undeliverable",
                                ErrorCatalogue.load("meta-cloud").lookup("131026").advice(), false),
                        null, null, null, null));
    }

    @Test
    void failedStatusWithoutErrorsStillCarriesAnError() {
        String body = """
                {"entry":[{"changes":[{"field":"messages","value":{"statuses":[
                  {"id":"wamid.X3","status":"failed","timestamp":"1767268800"}]}}]}]}
                """;
        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8))).containsExactly(
                new Receipt("wamid.X3", null, FAILED, "failed", at("2026-01-01T12:00:00Z"),
                        new MessageError(UNKNOWN, null, "Failed without an error code", null, false),
                        null, null, null, null));
    }

    @Test
    void unreadableTimestampLeavesOccurredAtEmpty() {
        String body = """
                {"entry":[{"changes":[{"field":"messages","value":{"statuses":[
                  {"id":"wamid.X2","status":"sent","timestamp":"yesterday"}]}}]}]}
                """;
        List<ProviderEvent> events = parser.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(events).hasSize(1);
        assertThat(((Receipt) events.get(0)).occurredAt()).isNull();
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
