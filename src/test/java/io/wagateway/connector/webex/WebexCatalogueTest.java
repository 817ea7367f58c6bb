package io.wagateway.connector.webex;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.StatusMap;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The published data of connectors/webex-connect/: every documented code is there, rate limits are never final. */
class WebexCatalogueTest {

    private final ErrorCatalogue errors = ErrorCatalogue.load("webex-connect");
    private final StatusMap statuses = StatusMap.load("webex-connect");

    static Stream<Arguments> documentedCodes() {
        return Stream.of(
                Arguments.of("7000", ErrorCategory.INVALID_REQUEST, false),
                Arguments.of("7001", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("7002", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("7003", ErrorCategory.INVALID_REQUEST, false),
                Arguments.of("7004", ErrorCategory.INVALID_REQUEST, false),
                Arguments.of("7005", ErrorCategory.EXPIRED, false),
                Arguments.of("7006", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("7007", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("7008", ErrorCategory.RECIPIENT_UNREACHABLE, false),
                Arguments.of("7009", ErrorCategory.INVALID_REQUEST, false),
                Arguments.of("7010", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("7011", ErrorCategory.UNKNOWN, true),
                Arguments.of("7019", ErrorCategory.EXPIRED, false),
                Arguments.of("7020", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("7104", ErrorCategory.INVALID_REQUEST, false),
                Arguments.of("7106", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("7108", ErrorCategory.TEMPLATE_INVALID, false),
                Arguments.of("7200", ErrorCategory.UNKNOWN, false),
                Arguments.of("7710", ErrorCategory.OUTSIDE_SERVICE_WINDOW, false),
                Arguments.of("7726", ErrorCategory.RECIPIENT_INVALID, false),
                Arguments.of("7802", ErrorCategory.IDENTITY_MISMATCH, false),
                Arguments.of("7813", ErrorCategory.TEMPLATE_INVALID, false),
                Arguments.of("7862", ErrorCategory.IDENTITY_MISMATCH, false),
                Arguments.of("7871", ErrorCategory.RECIPIENT_UNREACHABLE, false),
                Arguments.of("9002", ErrorCategory.CONSENT, false),
                Arguments.of("onprem-470", ErrorCategory.OUTSIDE_SERVICE_WINDOW, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedCodes")
    void classifiesEachDocumentedCode(String code, ErrorCategory category, boolean retryable) {
        ErrorCatalogue.Entry entry = errors.find(code).orElseThrow(() -> new AssertionError("no row for " + code));

        assertThat(entry.category()).isEqualTo(category);
        assertThat(entry.retryable()).isEqualTo(retryable);
    }

    @Test
    void rateLimitsAreNeverPermanent() {
        assertThat(errors.entries()).filteredOn(e -> e.category() == ErrorCategory.RATE_LIMITED)
                .isNotEmpty().allSatisfy(e -> assertThat(e.retryable()).as(e.code()).isTrue());
    }

    @Test
    void theRowsTheConnectorReportsExist() {
        assertThat(Stream.of("http-429", "http-5xx", "http-401", "http-403", "http-4xx", "timeout", "network",
                "unreadable-response", "not-configured", "unsupported-content", "invalid-message", "template-not-mapped",
                "media-type-unknown")).allSatisfy(row -> assertThat(errors.find(row)).as(row).isPresent());
    }

    static Stream<Arguments> receiptWords() {
        return Stream.of(Arguments.of("Submitted", MessageStatus.SENT), Arguments.of("Sent", MessageStatus.SENT),
                Arguments.of("Delivered", MessageStatus.DELIVERED), Arguments.of("Read", MessageStatus.READ),
                Arguments.of("Failed", MessageStatus.FAILED), Arguments.of("7501", MessageStatus.SENT),
                Arguments.of("7500", MessageStatus.DELIVERED), Arguments.of("7502", MessageStatus.READ));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receiptWords")
    void mapsEachReceiptWordAndCode(String word, MessageStatus status) {
        assertThat(statuses.map(word)).isEqualTo(new StatusMap.Mapping.To(status));
    }
}
