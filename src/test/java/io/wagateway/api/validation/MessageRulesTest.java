package io.wagateway.api.validation;

import static io.wagateway.api.validation.Requests.body;
import static io.wagateway.api.validation.Requests.error;
import static io.wagateway.api.validation.Requests.errors;
import static io.wagateway.api.validation.Requests.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.api.Problem.FieldError;
import io.wagateway.model.Content;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract's limits, each at its boundary, and the other rules of {@link MessageValidator}, over JSON bodies. */
class MessageRulesTest {

    // --- text lengths: exactly at the limit passes, one more fails at the right path -------------------

    /** Each body holds one {@code %s}, filled with a string of the tested length. */
    static Stream<Arguments> lengthLimits() {
        return Stream.of(
                Arguments.of("clientReference", 64, """
                        {"from": "demo", "to": "+447911123456", "clientReference": "%s", "content": {"type": "text", "body": "Hi"}}"""),
                Arguments.of("identityHash", 128, """
                        {"from": "demo", "to": "+447911123456", "identityHash": "%s", "content": {"type": "text", "body": "Hi"}}"""),
                Arguments.of("context.replyTo", 256, """
                        {"from": "demo", "to": "+447911123456", "context": {"replyTo": "%s"}, "content": {"type": "text", "body": "Hi"}}"""),
                Arguments.of("content.body", 4096, body("""
                        {"type": "text", "body": "%s"}""")),
                Arguments.of("content.caption", 1024, body("""
                        {"type": "image", "mediaId": "1", "caption": "%s"}""")),
                Arguments.of("content.caption", 1024, body("""
                        {"type": "video", "url": "https://example.com/v.mp4", "caption": "%s"}""")),
                Arguments.of("content.filename", 240, body("""
                        {"type": "document", "mediaId": "1", "filename": "%s"}""")),
                Arguments.of("content.name", 1000, body("""
                        {"type": "location", "latitude": 1, "longitude": 2, "name": "%s"}""")),
                Arguments.of("content.address", 1000, body("""
                        {"type": "location", "latitude": 1, "longitude": 2, "address": "%s"}""")),
                Arguments.of("content.header.text", 60, body("""
                        {"type": "template", "name": "t", "language": "en", "header": {"type": "text", "text": "%s"}}""")),
                Arguments.of("content.body[1]", 1024, body("""
                        {"type": "template", "name": "t", "language": "en", "body": ["a", "%s"]}""")),
                Arguments.of("content.buttons[0].payload", 256, body("""
                        {"type": "template", "name": "t", "language": "en",
                         "buttons": [{"index": 0, "subType": "quick_reply", "payload": "%s"}]}""")),
                Arguments.of("content.buttons[0].text", 2000, body("""
                        {"type": "template", "name": "t", "language": "en",
                         "buttons": [{"index": 0, "subType": "url", "text": "%s"}]}""")),
                Arguments.of("content.buttons[0].text", 15, body("""
                        {"type": "template", "name": "t", "language": "en",
                         "buttons": [{"index": 0, "subType": "copy_code", "text": "%s"}]}""")),
                Arguments.of("content.body", 1024, body("""
                        {"type": "buttons", "body": "%s", "buttons": [{"id": "a", "title": "A"}]}""")),
                Arguments.of("content.header.text", 60, body("""
                        {"type": "buttons", "body": "?", "header": "%s", "buttons": [{"id": "a", "title": "A"}]}""")),
                Arguments.of("content.footer", 60, body("""
                        {"type": "buttons", "body": "?", "footer": "%s", "buttons": [{"id": "a", "title": "A"}]}""")),
                Arguments.of("content.buttons[1].id", 256, body("""
                        {"type": "buttons", "body": "?", "buttons": [{"id": "a", "title": "A"}, {"id": "%s", "title": "B"}]}""")),
                Arguments.of("content.buttons[0].title", 20, body("""
                        {"type": "buttons", "body": "?", "buttons": [{"id": "a", "title": "%s"}]}""")),
                Arguments.of("content.body", 4096, body(list("\"body\": \"%s\""))),
                Arguments.of("content.buttonText", 20, body(list("\"buttonText\": \"%s\""))),
                Arguments.of("content.header.text", 60, body(list("\"header\": {\"type\": \"text\", \"text\": \"%s\"}"))),
                Arguments.of("content.footer", 60, body(list("\"footer\": \"%s\""))),
                Arguments.of("content.sections[0].title", 24, body("""
                        {"type": "list", "body": "?", "buttonText": "Go", "sections": [{"title": "%s", "rows": [{"id": "a", "title": "A"}]}]}""")),
                Arguments.of("content.sections[0].rows[0].id", 200, body("""
                        {"type": "list", "body": "?", "buttonText": "Go", "sections": [{"rows": [{"id": "%s", "title": "A"}]}]}""")),
                Arguments.of("content.sections[0].rows[0].title", 24, body("""
                        {"type": "list", "body": "?", "buttonText": "Go", "sections": [{"rows": [{"id": "a", "title": "%s"}]}]}""")),
                Arguments.of("content.sections[0].rows[0].description", 72, body("""
                        {"type": "list", "body": "?", "buttonText": "Go",
                         "sections": [{"rows": [{"id": "a", "title": "A", "description": "%s"}]}]}""")));
    }

    /** A valid list with one extra field; the defaults are replaced when the extra field names them. */
    private static String list(String field) {
        String json = "{\"type\": \"list\", " + field + ", \"body\": \"?\", \"buttonText\": \"Go\","
                + " \"sections\": [{\"rows\": [{\"id\": \"a\", \"title\": \"A\"}]}]}";
        // a later duplicate would be refused as ambiguous JSON, so drop the default the field replaces
        if (field.startsWith("\"body\"")) {
            json = json.replace(", \"body\": \"?\"", "");
        } else if (field.startsWith("\"buttonText\"")) {
            json = json.replace(", \"buttonText\": \"Go\"", "");
        }
        return json;
    }

    @ParameterizedTest(name = "{0} <= {1}")
    @MethodSource("lengthLimits")
    void atTheLimitPasses(String field, int limit, String template) {
        read(template.formatted("x".repeat(limit)));
    }

    @ParameterizedTest(name = "{0} <= {1}")
    @MethodSource("lengthLimits")
    void oneOverTheLimitFails(String field, int limit, String template) {
        assertThat(errors(template.formatted("x".repeat(limit + 1))))
                .containsExactly(error(field, "must be at most " + limit + " characters, got " + (limit + 1)));
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String thumbs = "\uD83D\uDC4D"; // one emoji, two UTF-16 units
        assertThat(read(body("{\"type\": \"text\", \"body\": \"" + thumbs.repeat(4096) + "\"}")).content())
                .isEqualTo(new Content.Text(thumbs.repeat(4096), null));
        assertThat(errors(body("{\"type\": \"buttons\", \"body\": \"?\", \"buttons\": [{\"id\": \"a\", \"title\": \""
                + thumbs.repeat(21) + "\"}]}")))
                .containsExactly(error("content.buttons[0].title", "must be at most 20 characters, got 21"));
    }

    // --- numeric ranges and counts ---------------------------------------------------------------------

    static Stream<Arguments> validitySeconds() {
        return Stream.of(
                Arguments.of(1, List.of()),
                Arguments.of(2_592_000, List.of()),
                Arguments.of(0, List.of(error("validitySeconds", "must be between 1 and 2592000 (30 days), got 0"))),
                Arguments.of(-5, List.of(error("validitySeconds", "must be between 1 and 2592000 (30 days), got -5"))),
                Arguments.of(2_592_001,
                        List.of(error("validitySeconds", "must be between 1 and 2592000 (30 days), got 2592001"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void validitySeconds(int seconds, List<FieldError> expected) {
        String json = """
                {"from": "demo", "to": "+447911123456", "validitySeconds": %d, "content": {"type": "text", "body": "Hi"}}"""
                .formatted(seconds);
        assertThat(errorsOrNone(json)).isEqualTo(expected);
        if (expected.isEmpty()) {
            assertThat(read(json).validitySeconds()).isEqualTo(seconds);
        }
    }

    static Stream<Arguments> coordinates() {
        return Stream.of(
                Arguments.of("90", "180", List.of()),
                Arguments.of("-90", "-180", List.of()),
                Arguments.of("0", "0", List.of()),
                Arguments.of("90.0001", "0", List.of(error("content.latitude", "must be between -90 and 90, got 90.0001"))),
                Arguments.of("-91", "0", List.of(error("content.latitude", "must be between -90 and 90, got -91.0"))),
                Arguments.of("0", "180.5", List.of(error("content.longitude", "must be between -180 and 180, got 180.5"))),
                Arguments.of("0", "-181", List.of(error("content.longitude", "must be between -180 and 180, got -181.0"))),
                Arguments.of("null", "null", List.of(error("content.latitude", "is required"),
                        error("content.longitude", "is required"))));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource
    void coordinates(String latitude, String longitude, List<FieldError> expected) {
        assertThat(errorsOrNone(body("{\"type\": \"location\", \"latitude\": %s, \"longitude\": %s}"
                .formatted(latitude, longitude)))).isEqualTo(expected);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of(replyButtons(1), List.of()),
                Arguments.of(replyButtons(3), List.of()),
                Arguments.of(replyButtons(0), List.of(error("content.buttons", "must have 1 to 3 buttons, got 0"))),
                Arguments.of(replyButtons(4), List.of(error("content.buttons", "must have 1 to 3 buttons, got 4"))),
                Arguments.of(body("{\"type\": \"buttons\", \"body\": \"?\"}"),
                        List.of(error("content.buttons", "must have 1 to 3 buttons, got 0"))),
                Arguments.of(listWithRows(1), List.of()),
                Arguments.of(listWithRows(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), List.of()),
                Arguments.of(listWithRows(4, 6), List.of()),
                Arguments.of(listWithRows(), List.of(error("content.sections", "must have 1 to 10 sections, got 0"))),
                Arguments.of(listWithRows(5, 6),
                        List.of(error("content.sections", "must have at most 10 rows in total, got 11"))),
                Arguments.of(listWithRows(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                        List.of(error("content.sections", "must have 1 to 10 sections, got 11"),
                                error("content.sections", "must have at most 10 rows in total, got 11"))),
                Arguments.of(listWithRows(2, 0), List.of(error("content.sections[1].rows", "must have at least 1 row"))),
                Arguments.of(contacts(1), List.of()),
                Arguments.of(contacts(20), List.of()),
                Arguments.of(contacts(0), List.of(error("content.contacts", "must have 1 to 20 contacts, got 0"))),
                Arguments.of(contacts(21), List.of(error("content.contacts", "must have 1 to 20 contacts, got 21"))),
                Arguments.of(templateButtonIndex(0), List.of()),
                Arguments.of(templateButtonIndex(9), List.of()),
                Arguments.of(templateButtonIndex(10),
                        List.of(error("content.buttons[0].index", "must be between 0 and 9, got 10"))),
                Arguments.of(templateButtonIndex(-1),
                        List.of(error("content.buttons[0].index", "must be between 0 and 9, got -1"))));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource
    void counts(String json, List<FieldError> expected) {
        assertThat(errorsOrNone(json)).isEqualTo(expected);
    }

    private static String replyButtons(int count) {
        String buttons = IntStream.range(0, count)
                .mapToObj(i -> "{\"id\": \"b" + i + "\", \"title\": \"Button " + i + "\"}")
                .collect(Collectors.joining(", "));
        return body("{\"type\": \"buttons\", \"body\": \"?\", \"buttons\": [" + buttons + "]}");
    }

    /** A list with one section per argument, holding that many rows; row ids are unique across sections. */
    private static String listWithRows(int... rowsPerSection) {
        StringBuilder sections = new StringBuilder();
        for (int s = 0; s < rowsPerSection.length; s++) {
            String rows = "";
            for (int r = 0; r < rowsPerSection[s]; r++) {
                rows += (r > 0 ? ", " : "") + "{\"id\": \"s" + s + "r" + r + "\", \"title\": \"Row " + r + "\"}";
            }
            sections.append(s > 0 ? ", " : "").append("{\"title\": \"Section ").append(s).append("\", \"rows\": [")
                    .append(rows).append("]}");
        }
        return body("{\"type\": \"list\", \"body\": \"?\", \"buttonText\": \"Go\", \"sections\": [" + sections + "]}");
    }

    private static String contacts(int count) {
        String cards = IntStream.range(0, count)
                .mapToObj(i -> "{\"name\": {\"first\": \"Person " + i + "\"}}")
                .collect(Collectors.joining(", "));
        return body("{\"type\": \"contacts\", \"contacts\": [" + cards + "]}");
    }

    private static String templateButtonIndex(int index) {
        return body("""
                {"type": "template", "name": "t", "language": "en",
                 "buttons": [{"index": %d, "subType": "quick_reply", "payload": "p"}]}""".formatted(index));
    }

    // --- the other rules, one table: body -> exactly these errors ------------------------------------------

    static Stream<Arguments> rules() {
        return Stream.of(
                // envelope
                rule("{\"to\": \"+447911123456\", \"content\": {\"type\": \"text\", \"body\": \"Hi\"}}",
                        error("from", "is required")),
                rule("{\"from\": \" \", \"to\": \"+447911123456\", \"content\": {\"type\": \"text\", \"body\": \"Hi\"}}",
                        error("from", "must not be blank")),
                rule("{\"from\": \"demo\", \"content\": {\"type\": \"text\", \"body\": \"Hi\"}}",
                        error("to", "is required")),
                rule("{\"from\": \"demo\", \"to\": null, \"content\": {\"type\": \"text\", \"body\": \"Hi\"}}",
                        error("to", "is required")),
                rule("""
                        {"from": "demo", "to": "+447911123456", "context": {"replyTo": "wamid.1"},
                         "content": {"type": "reaction", "messageId": "wamid.1", "emoji": "x"}}""",
                        error("context.replyTo", "is not allowed on a reaction")),
                rule("""
                        {"from": "demo", "to": "+447911123456", "validitySeconds": "60", "content": {"type": "text", "body": "Hi"}}""",
                        error("validitySeconds", "must be a whole number")),
                rule("""
                        {"from": "demo", "to": "+447911123456", "validitySeconds": 3000000000, "content": {"type": "text", "body": "Hi"}}""",
                        error("validitySeconds", "must be a whole number")),
                rule("""
                        {"from": "demo", "to": "+447911123456", "context": {"replyTo": 5}, "content": {"type": "text", "body": "Hi"}}""",
                        error("context.replyTo", "must be a string, got a number")),
                // text
                rule(body("{\"type\": \"text\"}"), error("content.body", "is required")),
                rule(body("{\"type\": \"text\", \"body\": \"\"}"), error("content.body", "must not be blank")),
                rule(body("{\"type\": \"text\", \"body\": \"\\n\\t \"}"), error("content.body", "must not be blank")),
                // media
                rule(body("{\"type\": \"image\"}"), error("content.url", "url or mediaId is required")),
                rule(body("{\"type\": \"image\", \"caption\": \"cat\"}"), error("content.url", "url or mediaId is required")),
                rule(body("{\"type\": \"video\", \"url\": \"https://example.com/v.mp4\", \"mediaId\": \"1\"}"),
                        error("content.mediaId", "must not be given together with url")),
                rule(body("{\"type\": \"image\", \"url\": \"ftp://example.com/a.jpg\"}"),
                        error("content.url", "must be an absolute http or https URL")),
                rule(body("{\"type\": \"image\", \"url\": \"/a.jpg\"}"),
                        error("content.url", "must be an absolute http or https URL")),
                rule(body("{\"type\": \"image\", \"url\": \"https://exa mple.com/a.jpg\"}"),
                        error("content.url", "must be an absolute http or https URL")),
                rule(body("{\"type\": \"image\", \"mediaId\": \"\"}"), error("content.mediaId", "must not be blank")),
                rule(body("{\"type\": \"audio\", \"mediaId\": \"1\", \"caption\": \"hi\"}"),
                        error("content.caption", "is not allowed on audio")),
                rule(body("{\"type\": \"sticker\", \"mediaId\": \"1\", \"caption\": \"hi\"}"),
                        error("content.caption", "is not allowed on sticker")),
                rule(body("{\"type\": \"image\", \"mediaId\": \"1\", \"filename\": \"a.jpg\"}"),
                        error("content.filename", "is only allowed on document")),
                // contacts
                rule(body("{\"type\": \"contacts\", \"contacts\": [{\"name\": {\"last\": \"Lovelace\"}}]}"),
                        error("content.contacts[0].name", "needs formatted or first")),
                rule(body("{\"type\": \"contacts\", \"contacts\": [{\"phones\": [{\"number\": \"+1\"}]}]}"),
                        error("content.contacts[0].name", "needs formatted or first")),
                rule(body("{\"type\": \"contacts\", \"contacts\": [null]}"),
                        error("content.contacts[0]", "must not be null")),
                rule(body("""
                        {"type": "contacts", "contacts": [{"name": {"formatted": "Ada"},
                          "phones": [{"number": "+447911123456"}, {"type": "WORK"}, {"number": " "}],
                          "emails": ["ada@example.com", "ada(at)example.com", {"type": "WORK"}],
                          "urls": ["https://example.com", "example.com"]}]}"""),
                        error("content.contacts[0].phones[1].number", "is required"),
                        error("content.contacts[0].phones[2].number", "must not be blank"),
                        error("content.contacts[0].emails[1]", "must be an email address like name@example.com"),
                        error("content.contacts[0].emails[2]", "must be an email address like name@example.com"),
                        error("content.contacts[0].urls[1]", "must be an absolute http or https URL")),
                // template
                rule(body("{\"type\": \"template\"}"),
                        error("content.name", "is required"), error("content.language", "is required")),
                rule(body("{\"type\": \"template\", \"name\": \"Order-Update\", \"language\": \"english\"}"),
                        error("content.name", "must be 1 to 512 lowercase letters, digits or underscores"),
                        error("content.language", "must be a language code like en, en_US or pt_BR")),
                rule(body("{\"type\": \"template\", \"name\": \"t\", \"language\": \"en_us\"}"),
                        error("content.language", "must be a language code like en, en_US or pt_BR")),
                rule(body("{\"type\": \"template\", \"name\": \"t\", \"language\": \"en\", \"header\": {\"type\": \"location\"}}"),
                        error("content.header.type", "must be text, image, video or document, got \"location\"")),
                rule(body("{\"type\": \"template\", \"name\": \"t\", \"language\": \"en\", \"header\": {\"url\": \"https://x.io/a\"}}"),
                        error("content.header.type", "must be text, image, video or document")),
                rule(body("{\"type\": \"template\", \"name\": \"t\", \"language\": \"en\", \"header\": {\"type\": \"video\"}}"),
                        error("content.header.url", "url or mediaId is required")),
                rule(body("{\"type\": \"template\", \"name\": \"t\", \"language\": \"en\", \"header\": {\"type\": \"text\"}}"),
                        error("content.header.text", "is required")),
                rule(body("""
                        {"type": "template", "name": "t", "language": "en",
                         "header": {"type": "image", "mediaId": "1", "filename": "a.png"}}"""),
                        error("content.header.filename", "is only allowed on document")),
                rule(body("{\"type\": \"template\", \"name\": \"t\", \"language\": \"en\", \"body\": [null, \"\", \"ok\"]}"),
                        error("content.body[0]", "must not be null"), error("content.body[1]", "must not be blank")),
                rule(body("""
                        {"type": "template", "name": "t", "language": "en",
                         "buttons": [{"index": 0, "subType": "quick_reply", "payload": "a"},
                                     {"index": 0, "subType": "quick_reply", "payload": "b"},
                                     {"subType": "url", "text": "x"},
                                     {"index": 3},
                                     {"index": 4, "subType": "call", "text": "x"},
                                     {"index": 5, "subType": "quick_reply", "text": "x"},
                                     {"index": 6, "subType": "COPY_CODE", "text": "x"}]}"""),
                        error("content.buttons[1].index", "must be unique, content.buttons[0].index has the same value"),
                        error("content.buttons[2].index", "is required"),
                        error("content.buttons[3].subType", "is required"),
                        error("content.buttons[4].subType", "must be one of copy_code, quick_reply, url, got \"call\""),
                        error("content.buttons[5].payload", "is required"),
                        error("content.buttons[6].subType", "must be one of copy_code, quick_reply, url, got \"COPY_CODE\"")),
                // reply buttons
                rule(body("{\"type\": \"buttons\", \"buttons\": [{\"id\": \"a\"}, {\"title\": \"B\"}, {\"id\": \"a\", \"title\": \"\"}]}"),
                        error("content.body", "is required"),
                        error("content.buttons[0].title", "is required"),
                        error("content.buttons[1].id", "is required"),
                        error("content.buttons[2].id", "must be unique, content.buttons[0].id has the same value"),
                        error("content.buttons[2].title", "must not be blank")),
                rule(body("{\"type\": \"buttons\", \"body\": \"?\", \"header\": {\"type\": \"sticker\", \"mediaId\": \"1\"},"
                                + " \"buttons\": [{\"id\": \"a\", \"title\": \"A\"}]}"),
                        error("content.header.type", "must be text, image, video or document, got \"sticker\"")),
                rule(body("{\"type\": \"buttons\", \"body\": \"?\", \"header\": {\"type\": \"image\"},"
                                + " \"buttons\": [{\"id\": \"a\", \"title\": \"A\"}]}"),
                        error("content.header.url", "url or mediaId is required")),
                rule(body("{\"type\": \"buttons\", \"body\": \"?\", \"buttons\": [null]}"),
                        error("content.buttons[0]", "must not be null")),
                // list
                rule(body("{\"type\": \"list\", \"sections\": [{\"rows\": [{\"id\": \"a\", \"title\": \"A\"}]}]}"),
                        error("content.body", "is required"), error("content.buttonText", "is required")),
                rule(body("""
                        {"type": "list", "body": "?", "buttonText": "Go", "header": {"type": "image", "mediaId": "1"},
                         "sections": [{"rows": [{"id": "a", "title": "A"}]}]}"""),
                        error("content.header.type", "must be text, got \"image\"")),
                rule(body("""
                        {"type": "list", "body": "?", "buttonText": "Go",
                         "sections": [{"title": "One", "rows": [{"id": "a", "title": "A"}]},
                                      {"rows": [{"id": "a", "title": "B"}, {"id": "c"}]}]}"""),
                        error("content.sections[1].title", "is required when there is more than one section"),
                        error("content.sections[1].rows[0].id", "must be unique, content.sections[0].rows[0].id has the same value"),
                        error("content.sections[1].rows[1].title", "is required")),
                // reaction
                rule(body("{\"type\": \"reaction\"}"),
                        error("content.messageId", "is required"),
                        error("content.emoji", "is required (an empty string removes the reaction)")));
    }

    private static Arguments rule(String json, FieldError... expected) {
        return Arguments.of(json, List.of(expected));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource
    void rules(String json, List<FieldError> expected) {
        assertThat(errors(json)).isEqualTo(expected);
    }

    private static List<FieldError> errorsOrNone(String json) {
        try {
            read(json);
            return List.of();
        } catch (io.wagateway.api.ProblemException e) {
            return e.problem().errors();
        }
    }
}
