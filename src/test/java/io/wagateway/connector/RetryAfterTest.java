package io.wagateway.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("30", Duration.ofSeconds(30)),
                Arguments.of(" 0 ", Duration.ZERO),
                Arguments.of("Thu, 01 Jan 2026 12:02:00 GMT", Duration.ofMinutes(2)),
                Arguments.of("Thu, 01 Jan 2026 11:59:00 GMT", Duration.ZERO),      // already past
                Arguments.of("86400", Duration.ofHours(1)),                         // capped
                Arguments.of("99999999999999999999", Duration.ofHours(1)),
                Arguments.of("-5", null),
                Arguments.of("soon", null),
                Arguments.of("", null),
                Arguments.of(null, null));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @MethodSource("cases")
    void parsesSecondsOrHttpDate(String header, Duration expected) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(expected);
    }
}
