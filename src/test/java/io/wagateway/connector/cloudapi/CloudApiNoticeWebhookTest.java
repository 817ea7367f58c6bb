package io.wagateway.connector.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.ProviderEvent.Notice;
import io.wagateway.connector.SenderRef;
import io.wagateway.connector.StatusMap;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case: a raw Meta webhook about the account (a fixture) and the notices it must give. */
class CloudApiNoticeWebhookTest {

    /** When the parser reads a webhook: the time of facts that carry none. */
    private static final Instant READ_AT = Instant.parse("2026-01-02T09:30:00Z");
    private static final Instant ENTRY_TIME = Instant.parse("2026-01-01T14:10:00Z");
    private static final String WABA = "209900000000042";

    private final CloudApiWebhookParser parser = new CloudApiWebhookParser(new ObjectMapper().findAndRegisterModules(),
            ErrorCatalogue.load("meta-cloud"), StatusMap.load("meta-cloud"), Clock.fixed(READ_AT, ZoneOffset.UTC));

    record Case(String fixture, List<ProviderEvent> expected) {
        @Override
        public String toString() { return fixture; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("webhook-errors-value-level.json", List.of(new Notice("connector.error",
                        SenderRef.phoneNumberId("104200000000117"), READ_AT, "130429", "Rate limit hit",
                        "Throughput for this number was exceeded.", Map.of("wabaId", WABA, "category", "RATE_LIMITED",
                        "retryable", "true", "href", "/documentation/business-messaging/whatsapp/support/error-codes")))),
                new Case("webhook-template-status-update.json", List.of(new Notice("template.status_changed", null,
                        Instant.parse("2026-01-01T14:00:00Z"), "REJECTED", "Template spring_sale (en_US) is now REJECTED",
                        "INVALID_FORMAT", Map.of("wabaId", WABA, "event", "REJECTED", "templateId", "777000222",
                        "templateName", "spring_sale", "language", "en_US", "reason", "INVALID_FORMAT")))),
                new Case("webhook-template-status-paused.json", List.of(new Notice("template.status_changed", null,
                        ENTRY_TIME, "PAUSED", "Template weekly_offer (en_GB) is now PAUSED", null, Map.of(
                        "wabaId", WABA, "event", "PAUSED", "templateId", "777000333", "templateName", "weekly_offer",
                        "language", "en_GB", "reason", "NONE", "category", "MARKETING", "otherInfoTitle", "FIRST_PAUSE",
                        "otherInfoDescription", "Paused for 3 hours because of low quality feedback.")))),
                new Case("webhook-template-quality-update.json", List.of(new Notice("template.quality_changed", null,
                        ENTRY_TIME, "YELLOW", "Template weekly_offer (en_GB) quality changed from GREEN to YELLOW", null,
                        Map.of("wabaId", WABA, "previousQualityScore", "GREEN", "newQualityScore", "YELLOW",
                                "templateId", "777000333", "templateName", "weekly_offer", "language", "en_GB")))),
                // no phone number id here: the display number names the sender
                new Case("webhook-phone-number-quality-update.json", List.of(new Notice("sender.quality_changed",
                        SenderRef.number("+447911000111"), ENTRY_TIME, "THROUGHPUT_UPGRADE",
                        "Business number quality or limit event THROUGHPUT_UPGRADE", "TIER_10K", Map.of(
                        "wabaId", WABA, "displayPhoneNumber", "+44 7911 000111", "event", "THROUGHPUT_UPGRADE",
                        "currentLimit", "TIER_10K", "maxDailyConversationsPerBusiness", "10000")))),
                new Case("webhook-account-update.json", List.of(new Notice("account.updated", null, ENTRY_TIME,
                        "ACCOUNT_VIOLATION", "Account update ACCOUNT_VIOLATION", null, Map.of("wabaId", WABA,
                        "phoneNumber", "447911000111", "event", "ACCOUNT_VIOLATION", "violationInfoViolationType",
                        "SCAM")))),
                new Case("webhook-unknown-field.json", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAccountWebhook(Case c) {
        assertThat(parser.parse(Fixtures.metaBytes(c.fixture()))).containsExactlyElementsOf(c.expected());
    }

    @Test
    void theSameNoticeReadTwiceHasOneDedupeKey() {
        Notice first = (Notice) parser.parse(Fixtures.metaBytes("webhook-template-status-paused.json")).get(0);
        Notice again = (Notice) parser.parse(Fixtures.metaBytes("webhook-template-status-paused.json")).get(0);
        Notice other = (Notice) parser.parse(Fixtures.metaBytes("webhook-template-quality-update.json")).get(0);

        assertThat(first.dedupeKey()).isEqualTo(again.dedupeKey()).isNotEqualTo(other.dedupeKey());
    }

    @Test
    void anErrorWithoutMetadataOrTitleNamesNoSenderAndTakesTheCatalogueTitle() {
        String body = """
                {"entry":[{"id":"209900000000042","changes":[{"field":"messages","value":{
                  "errors":[{"code":131057,"message":"(#131057) Account in maintenance mode"},{"code":999999}]}}]}]}
                """;
        assertThat(parser.parse(body.getBytes())).containsExactly(
                new Notice("connector.error", null, READ_AT, "131057", "(#131057) Account in maintenance mode",
                        ErrorCatalogue.load("meta-cloud").lookup("131057").advice(),
                        Map.of("wabaId", WABA, "category", "PROVIDER_UNAVAILABLE", "retryable", "true")),
                new Notice("connector.error", null, READ_AT, "999999", null, null,
                        Map.of("wabaId", WABA, "category", "UNKNOWN", "retryable", "false")));
    }
}
