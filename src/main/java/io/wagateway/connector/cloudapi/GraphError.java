package io.wagateway.connector.cloudapi;

import java.util.regex.Pattern;

/**
 * A Graph API error body: {@code error.code}, {@code error.message}, {@code error.type},
 * {@code error.error_data.details}, {@code error.error_subcode} and {@code error.fbtrace_id}. Meta advises branching
 * on {@code code} only; the rest is for people.
 */
public record GraphError(String code, String message, String type, String details, String subcode, String fbtraceId) {

    private static final Pattern CODE_PREFIX = Pattern.compile("^\\(#\\d+\\)\\s*");

    /** The message without Meta's {@code "(#130429) "} prefix, which only repeats the code. */
    public String title() {
        return message == null ? null : CODE_PREFIX.matcher(message).replaceFirst("");
    }
}
