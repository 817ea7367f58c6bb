package io.wagateway.connector.cm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * CM's timestamps: {@code timeUtc} is {@code 2024-05-06T11:37:56} in UTC without a zone; a status report's
 * {@code received} has no documented format, so ISO forms with or without a zone, a space instead of the {@code T},
 * and Unix seconds or milliseconds are all read. A time without a zone is taken as UTC.
 */
final class CmTimes {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private CmTimes() {}

    /** The instant a CM time names; null when absent or unreadable. */
    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
            long number = Long.parseLong(text);
            return number >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        }
        String iso = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException ignored) {
            // no zone: read it as UTC below
        }
        try {
            return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Second precision, so that {@code 10:15:30} and {@code 10:15:30.000} name the same report. */
    static Instant seconds(Instant instant) {
        return instant.with(ChronoField.NANO_OF_SECOND, 0);
    }
}
