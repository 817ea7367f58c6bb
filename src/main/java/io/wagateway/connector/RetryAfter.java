package io.wagateway.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
public final class RetryAfter {

    /** Bounds a hostile or broken header, so one reply cannot park a message for days. */
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {}

    /** The delay the header asks for, measured from {@code now}; null when absent or unreadable. Never negative. */
    public static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        Duration delay;
        if (value.chars().allMatch(Character::isDigit)) {
            delay = value.length() > 9 ? MAX : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                delay = Duration.between(now, at);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
