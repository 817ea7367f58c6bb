package io.wagateway.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/errors.md} is generated from every connector's {@code connectors/<type>/errors.csv}: one table per
 * connector. This test renders it and compares; with {@code -Dupdate-docs=true} it rewrites the file instead.
 * Maven runs tests in the project directory, so the repo folders are read directly.
 */
class ErrorCatalogueDocTest {

    static final Path CONNECTORS = Path.of("connectors");
    static final Path DOC = Path.of("docs", "errors.md");
    static final String UPDATE_COMMAND = "./mvnw test -Dtest=ErrorCatalogueDocTest -Dupdate-docs=true";

    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    /** A connector type and its catalogue. */
    record Catalogue(String type, ErrorCatalogue errors) {}

    @Test
    void docsErrorsMdIsTheRenderedCatalogues() throws IOException {
        String rendered = render(catalogues());
        if (Boolean.getBoolean("update-docs")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
            return;
        }
        String current = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertThat(current)
                .as("%s is out of date with connectors/*/errors.csv; run %s", DOC, UPDATE_COMMAND)
                .isEqualTo(rendered);
    }

    @Test
    void everyConnectorFolderWithACatalogueIsFoundAndLoadsLikeAtRuntime() throws IOException {
        List<Catalogue> catalogues = catalogues();

        assertThat(catalogues).extracting(Catalogue::type).contains("meta-cloud");
        // the classpath copy the connectors load at runtime is the same table
        assertThat(catalogues).allSatisfy(c -> assertThat(ErrorCatalogue.load(c.type()).entries())
                .as(c.type()).isEqualTo(c.errors().entries()));
    }

    /**
     * No row is dead: an exact code looks up to its own row, and a range has at least one value that no exact code
     * shadows. (Each connector's own tests feed its rows through its error mapping.)
     */
    @Test
    void everyRowIsReachedByItsCode() throws IOException {
        for (Catalogue catalogue : catalogues()) {
            for (ErrorCatalogue.Entry entry : catalogue.errors().entries()) {
                assertThat(reachedBy(catalogue.errors(), entry))
                        .as("%s row %s is shadowed by other rows", catalogue.type(), entry.code()).isTrue();
            }
        }
    }

    @Test
    void rendersOneTableEscapingWhatMarkdownWouldMisread() {
        ErrorCatalogue errors = ErrorCatalogue.parse("x.csv", new java.io.StringReader("""
                code,category,retryable,title,advice
                7,POLICY,true,"A | B",
                """));

        assertThat(render(List.of(new Catalogue("demo", errors))))
                .contains("## demo\n")
                .contains("| `7` | POLICY | yes | A \\| B |  |\n");
    }

    private static boolean reachedBy(ErrorCatalogue errors, ErrorCatalogue.Entry entry) {
        Matcher range = RANGE.matcher(entry.code());
        if (!range.matches()) {
            return errors.lookup(entry.code()).equals(entry);
        }
        long from = Long.parseLong(range.group(1));
        long to = Math.min(Long.parseLong(range.group(2)), from + 100_000);
        for (long value = from; value <= to; value++) {
            if (errors.lookup(Long.toString(value)).equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Every {@code connectors/<type>/errors.csv}, by type name. */
    static List<Catalogue> catalogues() throws IOException {
        List<Catalogue> catalogues = new ArrayList<>();
        try (Stream<Path> folders = Files.list(CONNECTORS)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Path csv = folder.resolve("errors.csv");
                if (Files.isRegularFile(csv)) {
                    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                        catalogues.add(new Catalogue(folder.getFileName().toString(),
                                ErrorCatalogue.parse(csv.toString(), reader)));
                    }
                }
            }
        }
        return catalogues;
    }

    static String render(List<Catalogue> catalogues) {
        StringBuilder md = new StringBuilder();
        md.append("# Error catalogue\n\n");
        md.append("<!-- Generated from connectors/*/errors.csv by ErrorCatalogueDocTest: edit the CSV files, then run\n");
        md.append("     ").append(UPDATE_COMMAND).append(" -->\n\n");
        md.append("Every provider error code each connector knows, the canonical category it maps to (CONTRACT.md\n");
        md.append("section 4) and whether the same request may succeed later (`retryable`). A code a catalogue does\n");
        md.append("not know is reported as `UNKNOWN`, not retryable, with the provider's code kept. Codes such as\n");
        md.append("`http-429` or `timeout` name conditions the gateway detects itself; `200-299` is a range, and an\n");
        md.append("exact code wins over a range.\n");
        for (Catalogue catalogue : catalogues) {
            md.append("\n## ").append(catalogue.type()).append("\n\n");
            md.append("From `connectors/").append(catalogue.type()).append("/errors.csv`, ")
                    .append(catalogue.errors().entries().size()).append(" rows.\n\n");
            md.append("| code | category | retryable | title | advice |\n");
            md.append("|---|---|---|---|---|\n");
            for (ErrorCatalogue.Entry e : catalogue.errors().entries()) {
                md.append("| `").append(e.code()).append("` | ").append(e.category()).append(" | ")
                        .append(e.retryable() ? "yes" : "no").append(" | ").append(cell(e.title())).append(" | ")
                        .append(cell(e.advice())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
