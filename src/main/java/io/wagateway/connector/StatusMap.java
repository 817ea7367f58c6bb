package io.wagateway.connector;

import io.wagateway.model.MessageStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Provider status word to canonical status, read from {@code connectors/<type>/statuses.csv}
 * ({@code provider_status,status}; {@code #} comments). A status of {@code IGNORE} marks a word that is known but
 * means nothing to the ledger. Words are matched case-insensitively.
 */
public final class StatusMap {

    static final String HEADER = "provider_status,status";
    static final String IGNORE = "IGNORE";

    /** What a status word means: a canonical status, or known-but-ignored, or unknown. */
    public sealed interface Mapping {
        record To(MessageStatus status) implements Mapping {}

        record Ignored(String word) implements Mapping {}

        record Unknown(String word) implements Mapping {}
    }

    private final Map<String, Optional<MessageStatus>> words;

    private StatusMap(Map<String, Optional<MessageStatus>> words) {
        this.words = Map.copyOf(words);
    }

    public static StatusMap load(String connectorType) {
        String path = "connectors/" + connectorType + "/statuses.csv";
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : StatusMap.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("status map not found on the classpath: " + path);
            }
            return parse(path, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static StatusMap parse(String source, Reader csv) {
        Map<String, Optional<MessageStatus>> words = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(csv)) {
            boolean headerSeen = false;
            int lineNo = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                String row = line.strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!row.equals(HEADER)) {
                        throw invalid(source, lineNo, "expected the header '" + HEADER + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                String[] fields = row.split(",", -1);
                if (fields.length != 2 || fields[0].isBlank()) {
                    throw invalid(source, lineNo, "expected 'provider_status,status'");
                }
                String word = fields[0].strip().toLowerCase(Locale.ROOT);
                if (words.put(word, canonical(source, lineNo, fields[1].strip())) != null) {
                    throw invalid(source, lineNo, "duplicate status word '" + word + "'");
                }
            }
            if (!headerSeen) {
                throw invalid(source, lineNo, "no header row");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return new StatusMap(words);
    }

    public Mapping map(String word) {
        if (word == null || word.isBlank()) {
            return new Mapping.Unknown(word);
        }
        Optional<MessageStatus> status = words.get(word.strip().toLowerCase(Locale.ROOT));
        if (status == null) {
            return new Mapping.Unknown(word);
        }
        return status.<Mapping>map(Mapping.To::new).orElseGet(() -> new Mapping.Ignored(word));
    }

    private static Optional<MessageStatus> canonical(String source, int lineNo, String value) {
        if (IGNORE.equals(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageStatus.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw invalid(source, lineNo, "unknown status '" + value + "'");
        }
    }

    private static IllegalStateException invalid(String source, int lineNo, String why) {
        return new IllegalStateException(source + " line " + lineNo + ": " + why);
    }
}
