package io.wagateway.connector.cm;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.support.LogCapture;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Status reports in every form CM sends them, each to the exact canonical receipt. */
class CmStatusReportTest {

    private static final String SECRET = "hook-secret";
    private static final String REFERENCE = "3f2b8c1e9a4d4c7eb1f02d6e8a9c0b14";
    private static final String GATEWAY_ID = "3f2b8c1e-9a4d-4c7e-b1f0-2d6e8a9c0b14";
    private static final ErrorCatalogue CATALOGUE = ErrorCatalogue.load("cm");

    private final CmConnector connector = new CmConnector(new ObjectMapper());

    static Stream<Arguments> jsonAndXmlBodies() {
        return Stream.of(
                Arguments.of("accepted (0): SUBMITTED", "status-accepted.json",
                        List.of(receipt(MessageStatus.SUBMITTED, "0", "2026-03-02T09:15:01Z", null))),
                Arguments.of("delivered (2)", "status-delivered.json",
                        List.of(receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null))),
                Arguments.of("read (4)", "status-read.json",
                        List.of(receipt(MessageStatus.READ, "4", "2026-03-02T09:16:40Z", null))),
                Arguments.of("failed (3), standard error 40: outside the window", "status-failed-40.json",
                        List.of(receipt(MessageStatus.FAILED, "3", "2026-03-02T09:15:05Z",
                                error(ErrorCategory.OUTSIDE_SERVICE_WINDOW, "40", "24 hour window closed",
                                        "report-40")))),
                Arguments.of("failed (3) without a standard error", "status-failed-no-error.json",
                        List.of(receipt(MessageStatus.FAILED, "3", "2026-03-02T09:15:05Z",
                                error(ErrorCategory.RECIPIENT_UNREACHABLE, "report-failed", "Not delivered",
                                        "report-failed")))),
                Arguments.of("failed (3) with an unknown standard error", "status-failed-unknown-error.json",
                        List.of(receipt(MessageStatus.FAILED, "3", "2026-03-02T09:15:05Z",
                                error(ErrorCategory.RECIPIENT_UNREACHABLE, "77", "Operator error 77",
                                        "report-failed")))),
                Arguments.of("rejected (1)", "status-rejected.json",
                        List.of(receipt(MessageStatus.FAILED, "1", "2026-03-02T09:15:02Z",
                                error(ErrorCategory.UNKNOWN, "report-rejected", "Rejected by CM",
                                        "report-rejected")))),
                Arguments.of("reference that is not a UUID, time with a space", "status-delivered-ulid-reference.json",
                        List.of(new ProviderEvent.Receipt("01JNM6Q4V9X2K7T3R8P5W1ZC0B", "01JNM6Q4V9X2K7T3R8P5W1ZC0B",
                                MessageStatus.DELIVERED, "2@2026-03-02T09:15:04Z",
                                Instant.parse("2026-03-02T09:15:04Z"), null, null, "447911123456", null, null))),
                Arguments.of("time with an offset", "status-delivered-zoned-time.json",
                        List.of(receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null))),
                Arguments.of("upper-case keys", "status-delivered-upper-case-keys.json",
                        List.of(receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null))),
                Arguments.of("numbers instead of strings", "status-delivered-numbers.json",
                        List.of(receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null))),
                Arguments.of("msg as an array", "status-batched-array.json",
                        List.of(receipt(MessageStatus.SUBMITTED, "0", "2026-03-02T09:15:01Z", null),
                                receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null))),
                Arguments.of("XML as documented", "status-delivered.xml",
                        List.of(receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null))),
                Arguments.of("XML in lower case, failed 40", "status-failed-40-lower-case.xml",
                        List.of(receipt(MessageStatus.FAILED, "3", "2026-03-02T09:15:05Z",
                                error(ErrorCategory.OUTSIDE_SERVICE_WINDOW, "40", "24 hour window closed",
                                        "report-40")))),
                Arguments.of("unknown code: nothing", "status-unknown-code.json", List.of()),
                Arguments.of("no reference: nothing", "status-no-reference.json", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonAndXmlBodies")
    void readsPostedReports(String name, String fixture, List<ProviderEvent> expected) {
        WebhookResult result = connector.handleWebhook(post(CmFixtures.bytes(fixture),
                fixture.endsWith(".xml") ? "application/xml" : "application/json"), instance());

        assertThat(result).isEqualTo(WebhookResult.ok(expected));
    }

    static Stream<Arguments> parameters() {
        return Stream.of(
                Arguments.of("JSON names", Map.of("secret", SECRET, "reference", REFERENCE, "to", "00447911123456",
                                "code", "2", "received", "2026-03-02T09:15:04"),
                        List.of(receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null))),
                Arguments.of("CM placeholder names in upper case", Map.of("secret", SECRET, "REFERENCE", REFERENCE,
                                "GSM", "00447911123456", "STATUS", "3", "STATUSDESCRIPTION", "40",
                                "STANDARDERRORTEXT", "24 hour window closed", "CREATED_S", "2026-03-02T09:15:05"),
                        List.of(receipt(MessageStatus.FAILED, "3", "2026-03-02T09:15:05Z",
                                error(ErrorCategory.OUTSIDE_SERVICE_WINDOW, "40", "24 hour window closed",
                                        "report-40")))),
                Arguments.of("statuscode and errorcode", Map.of("secret", SECRET, "Reference", REFERENCE,
                                "To", "00447911123456", "StatusCode", "0", "ErrorCode", "", "Received", "1772442901"),
                        List.of(receipt(MessageStatus.SUBMITTED, "0", "2026-03-02T09:15:01Z", null))),
                Arguments.of("no status parameters (a URL check)", Map.of("secret", SECRET), List.of()));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("parameters")
    void readsGetCallbacks(String name, Map<String, String> query, List<ProviderEvent> expected) {
        WebhookResult result = connector.handleWebhook(new WebhookRequest("GET", Map.of(), query, new byte[0]),
                instance());

        assertThat(result).isEqualTo(WebhookResult.ok(expected));
    }

    @Test
    void readsAFormPostAndAnEmptyPostWithQueryParameters() {
        byte[] form = ("reference=" + REFERENCE + "&to=0044%207911%20123456&status=2&received=2026-03-02T09%3A15%3A04")
                .getBytes(StandardCharsets.UTF_8);
        WebhookResult formResult = connector.handleWebhook(new WebhookRequest("POST",
                Map.of("content-type", "application/x-www-form-urlencoded"), Map.of("secret", SECRET), form), instance());
        WebhookResult queryResult = connector.handleWebhook(new WebhookRequest("POST", Map.of(),
                Map.of("secret", SECRET, "reference", REFERENCE, "to", "00447911123456", "status", "2",
                        "received", "2026-03-02T09:15:04"), new byte[0]), instance());

        ProviderEvent delivered = receipt(MessageStatus.DELIVERED, "2", "2026-03-02T09:15:04Z", null);
        assertThat(formResult).isEqualTo(WebhookResult.ok(List.of(delivered)));
        assertThat(queryResult).isEqualTo(WebhookResult.ok(List.of(delivered)));
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"messages\":{\"msg\":", 400),
                Arguments.of("JSON array", "[1,2]", 400),
                Arguments.of("not JSON or XML", "hello", 400),
                Arguments.of("unclosed XML", "<MESSAGES><MSG>", 400),
                Arguments.of("XML with an external entity", CmFixtures.text("status-xxe.xml"), 400),
                Arguments.of("empty body without parameters", "", 400),
                Arguments.of("JSON of no CM shape", "{\"hello\":\"world\"}", 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void unreadableBodiesCarryNothing(String name, String body, int status) {
        WebhookResult result = connector.handleWebhook(post(body.getBytes(StandardCharsets.UTF_8), null), instance());

        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.events()).isEmpty();
    }

    @Test
    void otherMethodsAreRefused() {
        WebhookResult result = connector.handleWebhook(new WebhookRequest("PUT", Map.of(), Map.of("secret", SECRET),
                new byte[0]), instance());

        assertThat(result).isEqualTo(WebhookResult.refused(405, "method not allowed"));
    }

    @Test
    void aRetriedReportRepeatsItsDedupeKeyAndAnotherReportDoesNot() {
        ProviderEvent.Receipt first = only("status-delivered.json");
        ProviderEvent.Receipt retry = only("status-delivered.json");
        ProviderEvent.Receipt sameAsXml = only("status-delivered.xml");
        ProviderEvent.Receipt read = only("status-read.json");
        ProviderEvent.Receipt laterDelivered = only("status-delivered-zoned-time.json");

        assertThat(retry.dedupeKey()).isEqualTo(first.dedupeKey());
        assertThat(sameAsXml.dedupeKey()).isEqualTo(first.dedupeKey());
        assertThat(read.dedupeKey()).isNotEqualTo(first.dedupeKey());
        assertThat(only("status-accepted.json").dedupeKey()).isNotEqualTo(first.dedupeKey());
        // the history column holds 32 characters
        assertThat(List.of(first, read, laterDelivered)).allSatisfy(r ->
                assertThat(r.providerStatus()).hasSizeLessThanOrEqualTo(32));
    }

    @Test
    void anUnknownCodeIsLoggedAsUnknownWithoutTheNumber() {
        LogCapture logs = LogCapture.asConfigured("io.wagateway.connector.cm");
        try (logs) {
            connector.handleWebhook(post(CmFixtures.bytes("status-unknown-code.json"), "application/json"), instance());
            connector.handleWebhook(new WebhookRequest("GET", Map.of(), Map.of("secret", SECRET,
                    "reference", REFERENCE, "to", "00447911123456", "code", "12"), new byte[0]), instance());
        }
        assertThat(logs.events()).hasSize(2).allSatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("UNKNOWN", REFERENCE, io.wagateway.support.Redact.phone("00447911123456"))
                .doesNotContain("447911123456", SECRET));
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private ProviderEvent.Receipt only(String fixture) {
        WebhookResult result = connector.handleWebhook(post(CmFixtures.bytes(fixture), null), instance());
        assertThat(result.events()).hasSize(1);
        return (ProviderEvent.Receipt) result.events().get(0);
    }

    private static ProviderEvent.Receipt receipt(MessageStatus status, String code, String received,
                                                 MessageError error) {
        return new ProviderEvent.Receipt(REFERENCE, GATEWAY_ID, status, code + "@" + received,
                Instant.parse(received), error, null, "447911123456", null, null);
    }

    private static MessageError error(ErrorCategory category, String code, String title, String row) {
        return new MessageError(category, code, title, CATALOGUE.lookup(row).advice(), false);
    }

    private static WebhookRequest post(byte[] body, String contentType) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return new WebhookRequest("POST", headers, Map.of("secret", SECRET), body);
    }

    private static ConnectorInstance instance() {
        return new ConnectorInstance("cm-test", CmConnector.TYPE,
                Map.of(CmConnector.PRODUCT_TOKEN, "unused", CmConnector.WEBHOOK_SECRET, SECRET));
    }
}
