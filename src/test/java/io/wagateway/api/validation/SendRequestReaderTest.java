package io.wagateway.api.validation;

import static io.wagateway.api.validation.Requests.body;
import static io.wagateway.api.validation.Requests.error;
import static io.wagateway.api.validation.Requests.errors;
import static io.wagateway.api.validation.Requests.problem;
import static io.wagateway.api.validation.Requests.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.api.Problem;
import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.Content.Header;
import io.wagateway.model.ContentType;
import io.wagateway.model.Recipient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Reading bodies: JSON shape, recipients, content types. The limits are in {@link MessageRulesTest}. */
class SendRequestReaderTest {

    private static final String KNOWN_TYPES =
            "text, image, video, audio, document, sticker, location, contacts, template, buttons, list, reaction";

    // --- a valid example of every content type -------------------------------------------------------

    static Stream<Arguments> everyContentType() {
        return Stream.of(
                Arguments.of("""
                        {"type": "text", "body": "Hello", "previewUrl": true}""",
                        new Content.Text("Hello", true)),
                Arguments.of("""
                        {"type": "image", "url": "https://example.com/cat.jpg", "caption": "A cat"}""",
                        new Content.Media(ContentType.IMAGE, "https://example.com/cat.jpg", null, "A cat", null)),
                Arguments.of("""
                        {"type": "video", "mediaId": "1234567890", "caption": "Clip"}""",
                        new Content.Media(ContentType.VIDEO, null, "1234567890", "Clip", null)),
                Arguments.of("""
                        {"type": "audio", "mediaId": "555"}""",
                        new Content.Media(ContentType.AUDIO, null, "555", null, null)),
                Arguments.of("""
                        {"type": "document", "url": "http://example.com/invoice.pdf", "caption": "Invoice",
                         "filename": "invoice-4711.pdf"}""",
                        new Content.Media(ContentType.DOCUMENT, "http://example.com/invoice.pdf", null, "Invoice",
                                "invoice-4711.pdf")),
                Arguments.of("""
                        {"type": "sticker", "mediaId": "777"}""",
                        new Content.Media(ContentType.STICKER, null, "777", null, null)),
                Arguments.of("""
                        {"type": "location", "latitude": 52.3731, "longitude": -4.8922, "name": "Dam Square",
                         "address": "Dam, Amsterdam"}""",
                        new Content.Location(52.3731, -4.8922, "Dam Square", "Dam, Amsterdam")),
                Arguments.of("""
                        {"type": "location", "latitude": "52.5", "longitude": "13.4"}""",
                        new Content.Location(52.5, 13.4, null, null)),
                Arguments.of("""
                        {"type": "contacts", "contacts": [{
                          "name": {"formatted": "Ada Lovelace", "first": "Ada", "last": "Lovelace"},
                          "phones": [{"number": "+447911123456", "type": "CELL", "waId": "447911123456"}],
                          "emails": ["ada@example.com", {"email": "work@example.org", "type": "WORK"}],
                          "org": "Analytical Engines",
                          "urls": ["https://example.com/ada"],
                          "addresses": [{"street": "1 Main St", "city": "London", "country": "United Kingdom",
                                         "countryCode": "GB", "type": "HOME"}],
                          "birthday": "1815-12-10"}]}""",
                        new Content.Contacts(List.of(new ContactCard(
                                new ContactCard.Name("Ada Lovelace", "Ada", "Lovelace"),
                                List.of(new ContactCard.Phone("+447911123456", "CELL", "447911123456")),
                                List.of(new ContactCard.Email("ada@example.com", null),
                                        new ContactCard.Email("work@example.org", "WORK")),
                                ContactCard.Org.of("Analytical Engines"),
                                List.of(new ContactCard.Url("https://example.com/ada", null)),
                                List.of(new ContactCard.Address("1 Main St", "London", null, null, "United Kingdom",
                                        "GB", "HOME")),
                                "1815-12-10")))),
                Arguments.of("""
                        {"type": "template", "name": "order_update", "language": "en_US", "category": "utility",
                         "header": {"type": "image", "url": "https://example.com/header.png"},
                         "body": ["Jessica", "4711"],
                         "buttons": [{"index": 0, "subType": "quick_reply", "payload": "YES"},
                                     {"index": 1, "subType": "url", "text": "track/4711"},
                                     {"index": 2, "subType": "copy_code", "text": "25OFF"}]}""",
                        new Content.Template("order_update", "en_US", "utility",
                                new Header("image", null, "https://example.com/header.png", null, null),
                                List.of("Jessica", "4711"),
                                List.of(new Content.TemplateButton(0, "quick_reply", "YES", null),
                                        new Content.TemplateButton(1, "url", null, "track/4711"),
                                        new Content.TemplateButton(2, "copy_code", null, "25OFF")))),
                Arguments.of("""
                        {"type": "template", "name": "hello_world", "language": "en"}""",
                        new Content.Template("hello_world", "en", null, null, null, null)),
                Arguments.of("""
                        {"type": "buttons", "body": "Confirm order 4711?", "header": "Order 4711",
                         "footer": "Reply below", "buttons": [{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}]}""",
                        new Content.Buttons("Confirm order 4711?", new Header("text", "Order 4711", null, null, null),
                                "Reply below",
                                List.of(new Content.ReplyButton("yes", "Yes"), new Content.ReplyButton("no", "No")))),
                Arguments.of("""
                        {"type": "buttons", "body": "Your receipt", "header": {"type": "document", "mediaId": "42",
                         "filename": "receipt.pdf"}, "buttons": [{"id": "ok", "title": "OK"}]}""",
                        new Content.Buttons("Your receipt", new Header("document", null, null, "42", "receipt.pdf"),
                                null, List.of(new Content.ReplyButton("ok", "OK")))),
                Arguments.of("""
                        {"type": "list", "body": "Pick a slot", "buttonText": "Slots",
                         "header": {"type": "text", "text": "Delivery"}, "footer": "Times in CET",
                         "sections": [{"title": "Morning", "rows": [{"id": "m1", "title": "08-10", "description": "Early"}]},
                                      {"title": "Afternoon", "rows": [{"id": "a1", "title": "14-16"}]}]}""",
                        new Content.ListMessage("Pick a slot", "Slots", new Header("text", "Delivery", null, null, null),
                                "Times in CET", List.of(
                                        new Content.Section("Morning", List.of(new Content.Row("m1", "08-10", "Early"))),
                                        new Content.Section("Afternoon", List.of(new Content.Row("a1", "14-16", null)))))),
                Arguments.of("""
                        {"type": "list", "body": "Pick one", "buttonText": "Menu",
                         "sections": [{"rows": [{"id": "r1", "title": "Only"}]}]}""",
                        new Content.ListMessage("Pick one", "Menu", null, null,
                                List.of(new Content.Section(null, List.of(new Content.Row("r1", "Only", null)))))),
                Arguments.of("""
                        {"type": "reaction", "messageId": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA",
                         "emoji": "\\uD83D\\uDC4D"}""",
                        new Content.Reaction("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA", "👍")),
                Arguments.of("""
                        {"type": "reaction", "messageId": "wamid.1", "emoji": ""}""",
                        new Content.Reaction("wamid.1", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void everyContentType(String content, Content expected) throws Exception {
        SendRequest request = read(body(content));

        assertThat(request.content()).isEqualTo(expected);
        assertThat(request.content().contentType().wireName())
                .isEqualTo(new ObjectMapper().readTree(content).get("type").asText());
        assertThat(request.to()).isEqualTo(Recipient.phone("+447911123456"));
        assertThat(request.from()).isEqualTo("demo");
    }

    @Test
    void coversEveryContentType() {
        assertThat(everyContentType().map(a -> ((Content) a.get()[1]).contentType()).distinct())
                .containsExactlyInAnyOrder(ContentType.values());
    }

    @Test
    void envelopeFieldsAreReadAndUnknownTopLevelFieldsIgnored() {
        SendRequest request = read("""
                {"from": "demo", "to": "0044 (0)7911-123456", "clientReference": "order-4711",
                 "content": {"type": "text", "body": "Hi"},
                 "context": {"replyTo": "wamid.abc", "futureContextField": 1},
                 "identityHash": "c2hhMjU2", "validitySeconds": 86400,
                 "aFieldFromANewerContract": {"nested": [1, 2, 3]}}""");

        assertThat(request).isEqualTo(new SendRequest("demo", Recipient.phone("+447911123456"), "order-4711",
                new Content.Text("Hi", null), "wamid.abc", "c2hhMjU2", 86400));
    }

    @Test
    void readsTheSameWithSpringsMapper() {
        // Spring's mapper differs from a bare one (unknown properties allowed, extra modules).
        SendRequestReader reader = new SendRequestReader(Jackson2ObjectMapperBuilder.json().build());
        everyContentType().forEach(example -> {
            String content = (String) example.get()[0];
            assertThat(reader.read(body(content).getBytes(StandardCharsets.UTF_8)).content())
                    .isEqualTo(example.get()[1]);
        });
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.wagateway.api.ProblemException.class,
                () -> reader.read(body("{\"type\": \"text\", \"body\": \"Hi\", \"bdy\": 1}").getBytes(StandardCharsets.UTF_8)));
        assertThat(e.problem().errors()).extracting(Problem.FieldError::field).containsExactly("content.bdy");
    }

    // --- recipients ----------------------------------------------------------------------------------

    static Stream<Arguments> recipients() {
        return Stream.of(
                Arguments.of("\"+447911123456\"", Recipient.phone("+447911123456")),
                Arguments.of("\"+44 7911 123456\"", Recipient.phone("+447911123456")),
                Arguments.of("\"00447911123456\"", Recipient.phone("+447911123456")),
                Arguments.of("\"+1 (650) 555-1234\"", Recipient.phone("+16505551234")),
                Arguments.of("{\"userId\": \"US.13491208655302741918\"}", Recipient.user("US.13491208655302741918")),
                Arguments.of("{\"userId\": \"BR.a1\"}", Recipient.user("BR.a1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void recipients(String to, Recipient expected) {
        String json = """
                {"from": "demo", "to": %s, "content": {"type": "text", "body": "Hi"}}""".formatted(to);
        assertThat(read(json).to()).isEqualTo(expected);
    }

    static Stream<String> invalidRecipients() {
        return Stream.of("\"+1555\"", "\"12345\"", "\"+999123456789\"", "\"+44 7911 ABC456\"", "\"phone\"", "\"\"",
                "447911123456", "true", "[\"+447911123456\"]",
                "{\"userId\": \"us.123\"}", "{\"userId\": \"US.\"}", "{\"userId\": \"USA.123\"}",
                "{\"userId\": \"US.12-34\"}", "{\"userId\": \"US." + "1".repeat(65) + "\"}", "{\"userId\": 123}",
                "{\"phone\": \"+447911123456\"}", "{}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalidRecipients(String to) {
        String json = """
                {"from": "demo", "to": %s, "content": {"type": "text", "body": "Hi"}}""".formatted(to);
        assertThat(errors(json)).extracting(Problem.FieldError::field).containsExactly("to");
    }

    @Test
    void userIdAtItsLongest() {
        String userId = "US." + "a".repeat(64);
        String json = body("{\"type\": \"text\", \"body\": \"Hi\"}").replace("\"+447911123456\"",
                "{\"userId\": \"" + userId + "\"}");
        assertThat(read(json).to()).isEqualTo(Recipient.user(userId));
    }

    @Test
    void invalidPhoneMessageDoesNotEchoTheNumber() {
        Problem problem = problem(body("{\"type\": \"text\", \"body\": \"Hi\"}").replace("+447911123456", "+1555"));

        assertThat(problem.errors()).containsExactly(error("to", "must be a valid phone number in international "
                + "format with its country code, like +447911123456"));
        assertThat(problem.detail()).doesNotContain("+1555");
    }

    // --- malformed bodies ----------------------------------------------------------------------------

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\"from\": \"demo\",", "not valid JSON (line 1, column 17)"),
                Arguments.of("{'from': 'demo'}", "not valid JSON (line 1, column 2)"),
                Arguments.of("", "is empty"),
                Arguments.of("   ", "is empty"),
                Arguments.of("[]", "must be a JSON object, got an array"),
                Arguments.of("\"hello\"", "must be a JSON object, got a string"),
                Arguments.of("42", "must be a JSON object, got a number"),
                Arguments.of("null", "must be a JSON object, got null"),
                Arguments.of("{} {}", "more content after the JSON object"),
                Arguments.of("{\"to\": \"+447911123456\", \"to\": \"+31612345678\"}", "Duplicate field 'to'"),
                Arguments.of(nested(SendRequestReader.MAX_NESTING_DEPTH + 1), "nested deeper than 32 levels"),
                Arguments.of(nested(1000), "nested deeper than 32 levels"),
                Arguments.of("{\"from\": " + "x".repeat(5000) + "}", "..."));
    }

    /** {@code {"from":"demo","x":{"x":{...}}}} with {@code depth} objects in all. */
    private static String nested(int depth) {
        return "{\"from\": \"demo\"," + "\"x\":{".repeat(depth - 1) + "}".repeat(depth);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource
    void malformed(String json, String detailPart) {
        Problem problem = problem(json);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("/malformed-json");
        assertThat(problem.title()).isEqualTo("Malformed JSON");
        assertThat(problem.detail()).contains(detailPart).doesNotContain("com.fasterxml", "Exception", "java.")
                .hasSizeLessThan(300);
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void nestingAtTheLimitIsNotMalformed() {
        // 32 levels parse; the request is then merely invalid (no to, no content).
        assertThat(errors(nested(SendRequestReader.MAX_NESTING_DEPTH)))
                .extracting(Problem.FieldError::field).containsExactly("content", "to");
    }

    @Test
    void nullBodyIsMalformed() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.wagateway.api.ProblemException.class,
                () -> Requests.READER.read(null));
        assertThat(e.problem().detail()).contains("is empty");
    }

    @Test
    void theApplicationMapperIsLeftAsItWas() throws Exception {
        ObjectMapper shared = new ObjectMapper();
        new SendRequestReader(shared);
        assertThat(shared.readTree(nested(100)).isObject()).isTrue();
    }

    // --- content structure ---------------------------------------------------------------------------

    static Stream<Arguments> contentStructure() {
        return Stream.of(
                Arguments.of(body("{\"body\": \"Hi\"}"),
                        error("content.type", "is required, one of: " + KNOWN_TYPES)),
                Arguments.of(body("{\"type\": null, \"body\": \"Hi\"}"),
                        error("content.type", "is required, one of: " + KNOWN_TYPES)),
                Arguments.of(body("{\"type\": 3}"),
                        error("content.type", "must be a string, one of: " + KNOWN_TYPES)),
                Arguments.of(body("{\"type\": \"carousel\", \"cards\": []}"),
                        error("content.type", "unknown type \"carousel\"; known types: " + KNOWN_TYPES)),
                Arguments.of(body("{\"type\": \"Text\", \"body\": \"Hi\"}"),
                        error("content.type", "unknown type \"Text\"; known types: " + KNOWN_TYPES)),
                Arguments.of("{\"from\": \"demo\", \"to\": \"+447911123456\"}",
                        error("content", "is required")),
                Arguments.of(body("null"), error("content", "is required")),
                Arguments.of(body("[{\"type\": \"text\"}]"), error("content", "must be an object, got an array")),
                Arguments.of(body("\"Hello\""), error("content", "must be an object, got a string")),
                Arguments.of(body("{\"type\": \"text\", \"bdy\": \"Hi\"}"),
                        error("content.bdy", "unknown field; known fields here: body, previewUrl")),
                Arguments.of(body("{\"type\": \"image\", \"kind\": \"video\", \"mediaId\": \"1\"}"),
                        error("content.kind", "unknown field; known fields here: url, mediaId, caption, filename")),
                Arguments.of(body("""
                        {"type": "buttons", "body": "?", "buttons": [{"id": "a", "title": "A"}, {"id": "b", "titel": "B"}]}"""),
                        error("content.buttons[1].titel", "unknown field; known fields here: id, title")),
                Arguments.of(body("""
                        {"type": "list", "body": "?", "buttonText": "Go",
                         "sections": [{"rows": [{"id": "a", "title": "A", "desc": "x"}]}]}"""),
                        error("content.sections[0].rows[0].desc", "unknown field; known fields here: id, title, description")),
                Arguments.of(body("""
                        {"type": "contacts", "contacts": [{"name": {"formatted": "A", "middle": "B"}}]}"""),
                        error("content.contacts[0].name.middle", "unknown field; known fields here: formatted, first, last")),
                Arguments.of(body("""
                        {"type": "template", "name": "t", "language": "en", "header": {"type": "image", "link": "https://x.io/a.png"}}"""),
                        error("content.header.link", "unknown field; known fields here: type, text, url, mediaId, filename")),
                Arguments.of(body("{\"type\": \"location\", \"latitude\": \"north\", \"longitude\": 4}"),
                        error("content.latitude", "must be a number")),
                Arguments.of(body("{\"type\": \"text\", \"body\": {\"text\": \"Hi\"}}"),
                        error("content.body", "must be a string")),
                Arguments.of(body("{\"type\": \"text\", \"body\": \"Hi\", \"previewUrl\": \"maybe\"}"),
                        error("content.previewUrl", "must be true or false")),
                Arguments.of(body("{\"type\": \"buttons\", \"body\": \"?\", \"buttons\": {\"id\": \"a\"}}"),
                        error("content.buttons", "must be an array")),
                Arguments.of(body("{\"type\": \"template\", \"name\": \"t\", \"language\": \"en\", \"buttons\": [{\"index\": \"first\"}]}"),
                        error("content.buttons[0].index", "must be a number")),
                Arguments.of(body("{\"type\": \"list\", \"body\": \"?\", \"buttonText\": \"Go\", \"sections\": [[]]}"),
                        error("content.sections[0]", "must be an object")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void contentStructure(String json, Problem.FieldError expected) {
        Problem problem = problem(json);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("/invalid-request");
        assertThat(problem.errors()).containsExactly(expected);
        assertThat(problem.detail()).isEqualTo(expected.field() + ": " + expected.message());
    }

    @Test
    void everyUnknownContentFieldIsReported() {
        assertThat(errors(body("{\"type\": \"text\", \"body\": \"Hi\", \"preview_url\": true, \"bodyy\": \"x\"}")))
                .extracting(Problem.FieldError::field).containsExactly("content.preview_url", "content.bodyy");
    }

    // --- many errors at once -------------------------------------------------------------------------

    @Test
    void allErrorsAreCollectedInOneProblem() {
        Problem problem = problem("""
                {"from": 7, "to": "12345", "clientReference": "%s", "validitySeconds": 0,
                 "context": {"replyTo": ""},
                 "content": {"type": "buttons", "body": " ", "footer": "%s",
                             "buttons": [{"id": "a", "title": "A"}, {"id": "a", "title": "123456789012345678901"},
                                         {"id": "c", "title": "C"}, {"title": "D"}]}}"""
                .formatted("r".repeat(65), "f".repeat(61)));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("11 fields are invalid");
        assertThat(problem.errors()).containsExactly(
                error("from", "must be a string, got a number"),
                error("to", "must be a valid phone number in international format with its country code, "
                        + "like +447911123456"),
                error("clientReference", "must be at most 64 characters, got 65"),
                error("validitySeconds", "must be between 1 and 2592000 (30 days), got 0"),
                error("context.replyTo", "must not be blank"),
                error("content.body", "must not be blank"),
                error("content.footer", "must be at most 60 characters, got 61"),
                error("content.buttons", "must have 1 to 3 buttons, got 4"),
                error("content.buttons[1].id", "must be unique, content.buttons[0].id has the same value"),
                error("content.buttons[1].title", "must be at most 20 characters, got 21"),
                error("content.buttons[3].id", "is required"));
    }

    @Test
    void wrongTypedEnvelopeFieldsGetOneErrorEach() {
        assertThat(errors("""
                {"from": ["demo"], "to": 447911123456, "identityHash": 1, "validitySeconds": 1.5,
                 "context": "wamid.1", "content": {"type": "text", "body": "Hi"}}""")).containsExactly(
                error("from", "must be a string, got an array"),
                error("to", "must be a phone number like \"+447911123456\" or {\"userId\": \"US.1234...\"} "
                        + "with a 2-letter country code, a dot and 1 to 64 letters or digits"),
                error("context", "must be an object, got a string"),
                error("identityHash", "must be a string, got a number"),
                error("validitySeconds", "must be a whole number"));
        assertThat(errors("""
                {"from": {"id": "demo"}, "to": "+447911123456", "content": {"type": "text", "body": "Hi"}}"""))
                .containsExactly(error("from", "must be a string, got an object"));
    }

    @Test
    void knownTypesInTheMessageFollowTheEnum() {
        assertThat(KNOWN_TYPES).isEqualTo(String.join(", ",
                Arrays.stream(ContentType.values()).map(ContentType::wireName).toList()));
    }
}
