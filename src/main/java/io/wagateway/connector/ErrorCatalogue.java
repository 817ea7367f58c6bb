package io.wagateway.connector;

import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector's error table, read from {@code connectors/<type>/errors.csv} on the classpath: provider code to
 * canonical category and retry flag. The CSV is the published catalogue, so it is validated strictly when loaded
 * and a bad row stops the application instead of silently mis-classifying failures.
 *
 * <p>Format: header {@code code,category,retryable,title,advice}; blank lines and lines starting with {@code #}
 * are skipped; a field may be double-quoted (with {@code ""} for a quote) when it holds a comma. A code is a
 * provider code ({@code 131047}), an inclusive numeric range ({@code 200-299}), or a name for a condition the
 * gateway detects itself ({@code http-429}, {@code timeout}). Exact codes win over ranges.
 */
public final class ErrorCatalogue {

    static final String HEADER = "code,category,retryable,title,advice";
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** One row. {@code code} is the row's key as written, e.g. {@code 131047} or {@code 200-299}. */
    public record Entry(String code, ErrorCategory category, boolean retryable, String title, String advice) {

        /**
         * The canonical error for a provider failure matched by this entry. The provider's own title and detail win
         * because they are the most specific; the catalogue's title and advice fill in when the provider gave none.
         */
        public MessageError error(String rawCode, String providerTitle, String providerDetail) {
            return new MessageError(category, rawCode, firstNonBlank(providerTitle, title),
                    firstNonBlank(providerDetail, advice), retryable);
        }
    }

    private record Range(long from, long to, Entry entry) {
        boolean contains(long value) { return value >= from && value <= to; }
    }

    private final String source;
    private final Map<String, Entry> exact;
    private final List<Range> ranges;
    private final List<Entry> entries;

    private ErrorCatalogue(String source, Map<String, Entry> exact, List<Range> ranges, List<Entry> entries) {
        this.source = source;
        this.exact = exact;
        this.ranges = ranges;
        this.entries = entries;
    }

    /** Loads {@code connectors/<connectorType>/errors.csv} from the classpath; fails if it is missing or invalid. */
    public static ErrorCatalogue load(String connectorType) {
        String path = "connectors/" + connectorType + "/errors.csv";
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ErrorCatalogue.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("error catalogue not found on the classpath: " + path);
            }
            return parse(path, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Parses a catalogue; {@code source} names it in error messages. */
    public static ErrorCatalogue parse(String source, Reader csv) {
        Map<String, Entry> exact = new LinkedHashMap<>();
        List<Range> ranges = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(csv)) {
            boolean headerSeen = false;
            int lineNo = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!trimmed.equals(HEADER)) {
                        throw invalid(source, lineNo, "expected the header '" + HEADER + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                Entry entry = parseRow(source, lineNo, trimmed);
                Matcher range = RANGE.matcher(entry.code());
                if (range.matches()) {
                    long from = Long.parseLong(range.group(1));
                    long to = Long.parseLong(range.group(2));
                    if (from > to) {
                        throw invalid(source, lineNo, "range " + entry.code() + " is empty");
                    }
                    if (ranges.stream().anyMatch(r -> r.from() <= to && from <= r.to())) {
                        throw invalid(source, lineNo, "range " + entry.code() + " overlaps another range");
                    }
                    ranges.add(new Range(from, to, entry));
                } else if (exact.putIfAbsent(entry.code(), entry) != null) {
                    throw invalid(source, lineNo, "duplicate code " + entry.code());
                }
                entries.add(entry);
            }
            if (!headerSeen) {
                throw invalid(source, lineNo, "no header row");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return new ErrorCatalogue(source, Collections.unmodifiableMap(exact), List.copyOf(ranges),
                List.copyOf(entries));
    }

    /** The entry for a provider code, if the catalogue knows it (exactly or through a range). */
    public Optional<Entry> find(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String key = code.strip();
        Entry entry = exact.get(key);
        if (entry != null || !key.chars().allMatch(Character::isDigit) || key.length() > 18) {
            return Optional.ofNullable(entry);
        }
        long value = Long.parseLong(key);
        return ranges.stream().filter(r -> r.contains(value)).map(Range::entry).findFirst();
    }

    /** The entry for a code; an unknown code gets {@link ErrorCategory#UNKNOWN}, not retryable, code kept. */
    public Entry lookup(String code) {
        return find(code).orElseGet(() -> new Entry(code, ErrorCategory.UNKNOWN, false, null, null));
    }

    /** The canonical error for a provider code, keeping the raw code whether or not the catalogue knows it. */
    public MessageError error(String code, String providerTitle, String providerDetail) {
        return lookup(code).error(code, providerTitle, providerDetail);
    }

    /** Every row in file order, ranges included, for docs and tests. */
    public List<Entry> entries() { return entries; }

    @Override
    public String toString() { return "ErrorCatalogue[" + source + ", " + entries.size() + " rows]"; }

    private static Entry parseRow(String source, int lineNo, String line) {
        List<String> fields = splitCsvLine(source, lineNo, line);
        if (fields.size() != 5) {
            throw invalid(source, lineNo, "expected 5 fields, found " + fields.size());
        }
        String code = fields.get(0);
        if (!CODE.matcher(code).matches()) {
            throw invalid(source, lineNo, "bad code '" + code + "'");
        }
        ErrorCategory category;
        try {
            category = ErrorCategory.valueOf(fields.get(1));
        } catch (IllegalArgumentException e) {
            throw invalid(source, lineNo, "unknown category '" + fields.get(1) + "'");
        }
        String retryable = fields.get(2);
        if (!retryable.equals("true") && !retryable.equals("false")) {
            throw invalid(source, lineNo, "retryable must be true or false, not '" + retryable + "'");
        }
        if (fields.get(3).isEmpty()) {
            throw invalid(source, lineNo, "title is empty");
        }
        return new Entry(code, category, Boolean.parseBoolean(retryable), fields.get(3), emptyToNull(fields.get(4)));
    }

    /** One CSV line: comma-separated, fields optionally double-quoted; no line breaks inside fields. */
    static List<String> splitCsvLine(String source, int lineNo, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw invalid(source, lineNo, "unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw invalid(source, lineNo, "text after a closing quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw invalid(source, lineNo, "quote inside an unquoted field");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString().strip());
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static IllegalStateException invalid(String source, int lineNo, String why) {
        return new IllegalStateException(source + " line " + lineNo + ": " + why);
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
