package io.wagateway.connector.cm;

import io.wagateway.support.Redact;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A raw CM body made fit for a log: numbers masked, text abridged. */
final class CmRedaction {

    /** Phone-like runs: 6 or more digits, with a leading {@code +} when there is one. */
    private static final Pattern NUMBERS = Pattern.compile("\\+?\\d{6,}");
    static final int MAX_CHARS = 600;

    private CmRedaction() {}

    static String body(byte[] body) {
        return body == null ? "" : body(new String(body, StandardCharsets.UTF_8));
    }

    static String body(String body) {
        String text = body.length() > MAX_CHARS ? body.substring(0, MAX_CHARS) + "...(abridged)" : body;
        Matcher m = NUMBERS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Redact.phone(m.group())));
        }
        m.appendTail(out);
        return out.toString().replaceAll("[\\r\\n]+", " ");
    }
}
