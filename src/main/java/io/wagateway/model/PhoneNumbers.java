package io.wagateway.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone number helpers on top of libphonenumber. The gateway keeps numbers in E.164 ({@code +447911123456});
 * providers want other spellings ({@code 447911123456} as a wa_id, {@code 00447911123456} for CM.com).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** What people put between digits: spaces, dashes, dots, parentheses. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-]");
    /** After removing separators: {@code +} or {@code 00}, then digits only (no letters, no extensions). */
    private static final Pattern INTERNATIONAL = Pattern.compile("(?:\\+|00)[0-9]{4,17}");
    /** Region "ZZ" (unknown): the number must carry its own country code; we never guess one. */
    private static final String NO_REGION = "ZZ";

    private PhoneNumbers() {}

    /**
     * Normalises {@code +44 7911 123456}, {@code (+44) 7911-123456} or {@code 0044 7911 123456} to
     * {@code +447911123456}. Empty for numbers without a country code, with letters, or that libphonenumber
     * does not consider valid: sending to a guessed number could reach the wrong person. Numbers made up
     * for examples are often invalid too: UK {@code +44 7700 900xxx}, US area code 555 ({@code +1 555 000 1111}).
     */
    public static Optional<String> toE164(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(input).replaceAll("");
        if (!INTERNATIONAL.matcher(compact).matches()) {
            return Optional.empty();
        }
        // "00" is the international prefix in most of the world; without a region libphonenumber
        // only understands "+", so rewrite it first.
        String withPlus = compact.startsWith("00") ? "+" + compact.substring(2) : compact;
        return parse(withPlus)
                .filter(UTIL::isValidNumber)
                .map(number -> UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** {@code +447911123456} becomes {@code 447911123456}: the shape of Meta's {@code wa_id}. */
    public static String toDigits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    /** {@code +447911123456} becomes {@code 00447911123456}: the shape CM.com expects. */
    public static String toZeroZero(String e164) {
        return "00" + toDigits(e164);
    }

    /**
     * The country calling code of an E.164 number ({@code 44} for {@code +447911123456}), or 0 when it
     * cannot be parsed. Compare these rather than regions: {@code +44 7911} reports region GG, not GB.
     */
    public static int countryCode(String e164) {
        return e164 == null ? 0 : parse(e164).map(PhoneNumber::getCountryCode).orElse(0);
    }

    private static Optional<PhoneNumber> parse(String withPlus) {
        try {
            return Optional.of(UTIL.parse(withPlus, NO_REGION));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
