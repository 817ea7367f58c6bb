package io.wagateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;

class PhoneNumbersTest {

    static Stream<Arguments> normalised() {
        return Stream.of(
                Arguments.of("+447911123456", "+447911123456"),
                Arguments.of("+44 7911 123456", "+447911123456"),
                Arguments.of("+44-7911-123-456", "+447911123456"),
                Arguments.of("(+44) 7911 123456", "+447911123456"),
                Arguments.of("+44 (0)7911 123456", "+447911123456"),   // the UK habit of a trunk 0
                Arguments.of("0044 7911 123456", "+447911123456"),
                Arguments.of("00447911123456", "+447911123456"),
                Arguments.of(" +1 (650) 555-1234 ", "+16505551234"),
                Arguments.of("+31 6 12345678", "+31612345678"),
                Arguments.of("0031.6.1234.5678", "+31612345678"),
                Arguments.of("+55 11 98765-4321", "+5511987654321"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void normalised(String input, String e164) {
        assertThat(PhoneNumbers.toE164(input)).contains(e164);
    }

    static Stream<String> refused() {
        return Stream.of(
                "+1555",             // too short to be a number anywhere
                "12345",             // no country code
                "07911123456",       // national format: we never guess the country
                "447911123456",      // digits without + or 00: could be any country's local number
                "+999123456789",     // no such country code
                "+447911123456789",  // too long for the UK
                "+44 7911 ABC456",   // letters (vanity numbers are not WhatsApp ids)
                "+1-800-FLOWERS",
                "+44 7911 123456 ext. 12",
                "+44+7911123456",
                "0",
                "",
                "   ",
                "+");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource
    @NullSource
    void refused(String input) {
        assertThat(PhoneNumbers.toE164(input)).isEmpty();
    }

    @Test
    void digitsAndZeroZeroForms() {
        assertThat(PhoneNumbers.toDigits("+447911123456")).isEqualTo("447911123456");
        assertThat(PhoneNumbers.toDigits("447911123456")).isEqualTo("447911123456");
        assertThat(PhoneNumbers.toZeroZero("+447911123456")).isEqualTo("00447911123456");
    }

    @Test
    void countryCodeNotRegion() {
        // libphonenumber puts +44 7911 in Guernsey (GG); the country code is what stays stable.
        assertThat(PhoneNumbers.countryCode("+447911123456")).isEqualTo(44);
        assertThat(PhoneNumbers.countryCode("+16505551234")).isEqualTo(1);
        assertThat(PhoneNumbers.countryCode("not a number")).isZero();
        assertThat(PhoneNumbers.countryCode(null)).isZero();
    }
}
