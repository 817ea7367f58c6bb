package io.wagateway.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCatalogueTest {

    /** Every code of section 4 of the Meta notes (providers/meta-cloud-api.md); 200-299 is checked as a range. */
    static final List<String> META_SECTION_4_CODES = List.of(
            "0", "3", "10", "190", "4", "80007", "130429", "131048", "131056", "133016", "368", "130497", "131031",
            "1", "2", "33", "100", "130472", "131000", "131005", "131008", "131009", "131016", "131021", "131026",
            "131037", "131042", "131045", "131047", "131049", "131050", "131051", "131052", "131053", "131057",
            "132000", "132001", "132005", "132007", "132012", "132015", "132016", "132068", "132069", "133000",
            "133004", "133005", "133008", "133009", "133006", "133010", "133015", "134011", "135000", "137000",
            "2494100");

    private final ErrorCatalogue meta = ErrorCatalogue.load("meta-cloud");

    @Test
    void everyDataRowOfTheMetaCsvIsLoaded() throws Exception {
        long dataRows;
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getClassLoader().getResourceAsStream("connectors/meta-cloud/errors.csv")),
                StandardCharsets.UTF_8))) {
            dataRows = in.lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.equals(ErrorCatalogue.HEADER)).count();
        }
        assertThat(meta.entries()).hasSize((int) dataRows);
        assertThat(meta.entries()).allSatisfy(e -> {
            assertThat(e.category()).isNotNull();
            assertThat(e.title()).isNotBlank();
            assertThat(e.advice()).as("advice for %s", e.code()).isNotBlank();
        });
    }

    @Test
    void everyCodeOfTheMetaNotesIsCatalogued() {
        assertThat(META_SECTION_4_CODES).allSatisfy(code ->
                assertThat(meta.find(code)).as("code %s", code).isPresent());
        assertThat(meta.lookup("200").category()).isEqualTo(ErrorCategory.PROVIDER_AUTH);
        assertThat(meta.lookup("250").code()).isEqualTo("200-299");
        assertThat(meta.lookup("299").category()).isEqualTo(ErrorCategory.PROVIDER_AUTH);
        assertThat(meta.find("300")).isEmpty();
        assertThat(meta.find("199")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} retryable={2}")
    @MethodSource("keyMappings")
    void mapsCodesToTheirCanonicalCategory(String code, ErrorCategory category, boolean retryable) {
        ErrorCatalogue.Entry entry = meta.lookup(code);
        assertThat(entry.category()).isEqualTo(category);
        assertThat(entry.retryable()).isEqualTo(retryable);
    }

    static Stream<Arguments> keyMappings() {
        return Stream.of(
                Arguments.of("0", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("190", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("131005", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("4", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("80007", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("130429", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("131048", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("131056", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("133016", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("131026", ErrorCategory.RECIPIENT_UNREACHABLE, false),
                Arguments.of("131047", ErrorCategory.OUTSIDE_SERVICE_WINDOW, false),
                Arguments.of("131049", ErrorCategory.POLICY, false),
                Arguments.of("131050", ErrorCategory.CONSENT, false),
                Arguments.of("131052", ErrorCategory.MEDIA, false),
                Arguments.of("131053", ErrorCategory.MEDIA, true),
                Arguments.of("131042", ErrorCategory.PAYMENT, false),
                Arguments.of("132001", ErrorCategory.TEMPLATE_INVALID, false),
                Arguments.of("132015", ErrorCategory.TEMPLATE_INVALID, false),
                Arguments.of("137000", ErrorCategory.IDENTITY_MISMATCH, false),
                Arguments.of("131000", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("131057", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("100", ErrorCategory.INVALID_REQUEST, false),
                Arguments.of("http-429", ErrorCategory.RATE_LIMITED, true),
                Arguments.of("http-5xx", ErrorCategory.PROVIDER_UNAVAILABLE, true),
                Arguments.of("http-401", ErrorCategory.PROVIDER_AUTH, false),
                Arguments.of("unreadable-response", ErrorCategory.UNKNOWN, false));
    }

    @Test
    void rateLimitsAreNeverPermanent() {
        assertThat(meta.entries()).filteredOn(e -> e.category() == ErrorCategory.RATE_LIMITED)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.retryable()).as("code %s", e.code()).isTrue());
    }

    @Test
    void titleWithACommaIsReadFromAQuotedField() {
        assertThat(meta.lookup("131056").title())
                .isEqualTo("(Business Account, Consumer Account) pair rate limit hit");
    }

    @Test
    void unknownCodeIsUnknownNotRetryableAndKeepsTheRawCode() {
        MessageError error = meta.error("999999", "Brand new failure", "details from Meta");

        assertThat(error).isEqualTo(
                new MessageError(ErrorCategory.UNKNOWN, "999999", "Brand new failure", "details from Meta", false));
        assertThat(meta.lookup(null).category()).isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(meta.lookup("abc").code()).isEqualTo("abc");
    }

    @Test
    void providerTitleAndDetailWinAndTheCatalogueFillsGaps() {
        assertThat(meta.error("131047", "Re-engagement", "window closed"))
                .isEqualTo(new MessageError(ErrorCategory.OUTSIDE_SERVICE_WINDOW, "131047", "Re-engagement",
                        "window closed", false));
        MessageError fromCatalogue = meta.error("137000", null, " ");
        assertThat(fromCatalogue.title()).isEqualTo("Identity key hash mismatch");
        assertThat(fromCatalogue.detail()).startsWith("The recipient's identity changed");
    }

    @Test
    void exactCodesWinOverRanges() {
        ErrorCatalogue catalogue = parse("""
                code,category,retryable,title,advice
                100-199,PROVIDER_AUTH,false,Range,
                150,POLICY,false,Exact,
                """);
        assertThat(catalogue.lookup("150").category()).isEqualTo(ErrorCategory.POLICY);
        assertThat(catalogue.lookup("151").category()).isEqualTo(ErrorCategory.PROVIDER_AUTH);
        assertThat(catalogue.lookup("151").advice()).isNull();
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        ErrorCatalogue catalogue = parse("""
                # a comment
                code,category,retryable,title,advice

                7,POLICY,true,"Title, with comma","Say ""no"", then stop"
                """);
        assertThat(catalogue.lookup("7"))
                .isEqualTo(new ErrorCatalogue.Entry("7", ErrorCategory.POLICY, true, "Title, with comma",
                        "Say \"no\", then stop"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1,POLICY,false,Too,many,fields",
            "1,POLICY,false,Too few",
            "1,NOT_A_CATEGORY,false,Title,advice",
            "1,POLICY,yes,Title,advice",
            "1,POLICY,false,,advice",
            "1 2,POLICY,false,Title,advice",
            "1,POLICY,false,\"unterminated,advice",
            "1,POLICY,false,un\"quoted,advice",
            "300-200,POLICY,false,Empty range,advice",
            "1,POLICY,false,Title,advice\n1,POLICY,false,Duplicate,advice",
            "100-200,POLICY,false,Range,advice\n150-250,POLICY,false,Overlap,advice"})
    void invalidRowsStopLoadingWithTheLineNumber(String rows) {
        assertThatThrownBy(() -> parse(ErrorCatalogue.HEADER + "\n" + rows))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.csv line ");
    }

    @Test
    void missingHeaderIsRefused() {
        assertThatThrownBy(() -> parse("1,POLICY,false,Title,advice"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> ErrorCatalogue.load("no-such-connector"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-connector/errors.csv");
    }

    private static ErrorCatalogue parse(String csv) {
        return ErrorCatalogue.parse("test.csv", new StringReader(csv));
    }
}
