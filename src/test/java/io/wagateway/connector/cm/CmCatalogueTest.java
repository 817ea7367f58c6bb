package io.wagateway.connector.cm;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.StatusMap;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** connectors/cm/errors.csv and statuses.csv: complete for the notes, and classified as the contract wants. */
class CmCatalogueTest {

    /** Every error code of providers/cm-api.md section 2 except 0 (OK). */
    static final List<String> NOTES_CODES = List.of("101", "102", "103", "201", "202", "203", "301", "302", "303",
            "304", "305", "401", "402", "403", "500", "999");

    private final ErrorCatalogue catalogue = ErrorCatalogue.load("cm");

    @Test
    void everyCodeOfTheNotesAndEveryConditionTheConnectorNamesIsCatalogued() {
        assertThat(NOTES_CODES).allSatisfy(code -> assertThat(catalogue.find(code)).as(code).isPresent());
        assertThat(List.of(CmSendResponses.HTTP_429, CmSendResponses.HTTP_5XX, CmSendResponses.HTTP_401,
                CmSendResponses.HTTP_403, CmSendResponses.HTTP_4XX, CmSendResponses.HTTP_3XX, CmSendResponses.TIMEOUT,
                CmSendResponses.NETWORK, CmSendResponses.UNREADABLE_RESPONSE, CmSendResponses.REJECTED,
                CmConnector.NOT_CONFIGURED, CmConnector.UNSUPPORTED_CONTENT, CmConnector.INVALID_MESSAGE,
                CmReceipts.REPORT_FAILED, CmReceipts.REPORT_REJECTED))
                .allSatisfy(row -> assertThat(catalogue.find(row)).as(row).isPresent());
        assertThat(catalogue.find("0")).isEmpty();
        assertThat(catalogue.entries()).allSatisfy(e -> assertThat(e.advice()).as(e.code()).isNotBlank());
    }

    static Stream<Arguments> classification() {
        return Stream.of(
                Arguments.of("101", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("102", ErrorCategory.PAYMENT, false),
                Arguments.of("103", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("303", ErrorCategory.RECIPIENT_INVALID, false),
                Arguments.of("304", ErrorCategory.INVALID_REQUEST, false),
                Arguments.of("401", ErrorCategory.POLICY, false),
                Arguments.of("402", ErrorCategory.CONSENT, false),
                Arguments.of("500", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("999", ErrorCategory.UNKNOWN, true),
                Arguments.of("http-429", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("http-5xx", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("timeout", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("network", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("unreadable-response", ErrorCategory.UNKNOWN, false),
                Arguments.of("report-40", ErrorCategory.OUTSIDE_SERVICE_WINDOW, false));
    }

    @ParameterizedTest(name = "{0} -> {1} retryable={2}")
    @MethodSource("classification")
    void classifiesCodes(String code, ErrorCategory category, boolean retryable) {
        assertThat(catalogue.lookup(code).category()).isEqualTo(category);
        assertThat(catalogue.lookup(code).retryable()).isEqualTo(retryable);
    }

    @Test
    void noRateLimitIsPermanent() {
        assertThat(catalogue.entries()).filteredOn(e -> e.category() == ErrorCategory.RATE_LIMITED)
                .isNotEmpty().allSatisfy(e -> assertThat(e.retryable()).as(e.code()).isTrue());
    }

    @Test
    void statusCodesMapAsTheNotesSuggest() {
        StatusMap statuses = StatusMap.load("cm");
        assertThat(statuses.map("0")).isEqualTo(new StatusMap.Mapping.To(MessageStatus.SUBMITTED));
        assertThat(statuses.map("1")).isEqualTo(new StatusMap.Mapping.To(MessageStatus.FAILED));
        assertThat(statuses.map("2")).isEqualTo(new StatusMap.Mapping.To(MessageStatus.DELIVERED));
        assertThat(statuses.map("3")).isEqualTo(new StatusMap.Mapping.To(MessageStatus.FAILED));
        assertThat(statuses.map("4")).isEqualTo(new StatusMap.Mapping.To(MessageStatus.READ));
        assertThat(statuses.map("5")).isInstanceOf(StatusMap.Mapping.Unknown.class);
    }
}
