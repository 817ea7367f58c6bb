package io.wagateway.connector.cm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.SendOutcome;
import io.wagateway.connector.SenderConfig;
import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What goes on the wire to CM for each content type, compared as literal JSON over real HTTP. */
class CmConnectorSendTest {

    static final String TOKEN = "7a1c9e52-3b4d-4f60-8e21-0c9d8b7a6f54";
    static final String GATEWAY_ID = "3f2b8c1e-9a4d-4c7e-b1f0-2d6e8a9c0b14";
    static final String REFERENCE = "3f2b8c1e9a4d4c7eb1f02d6e8a9c0b14";
    static final String NAMESPACE = "c0ffee00_1234_5678_9abc_def012345678";
    static final SenderConfig SENDER = new SenderConfig("shop", "+31610002000", "cm-test", null, null, null, 50,
            false, false, Map.of());
    private static final String WAMID = "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMEMwRkZFRTAxMjM0NTY3ODkA";

    private static WireMockServer cm;
    private final CmConnector connector = new CmConnector(new ObjectMapper());

    @BeforeAll
    static void startCm() {
        cm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cm.start();
    }

    @AfterAll
    static void stopCm() {
        cm.stop();
    }

    @BeforeEach
    void reset() {
        cm.resetAll();
    }

    /** The envelope every send shares: one msg, one recipient, WhatsApp only, our reference. */
    static String wire(String fallbackJson, String itemJson) {
        return """
                {"messages":{"msg":[{
                  "from":"0031610002000",
                  "to":[{"number":"00447911123456"}],
                  "body":{"type":"auto","content":%s},
                  "reference":"3f2b8c1e9a4d4c7eb1f02d6e8a9c0b14",
                  "allowedChannels":["WhatsApp"],
                  "richContent":{"conversation":[%s]}}]}}
                """.formatted(fallbackJson, itemJson);
    }

    static Stream<Arguments> requestBodies() {
        return Stream.of(
                Arguments.of("text", message(new Content.Text("Your parcel ships today", false), null),
                        wire("\"Your parcel ships today\"", """
                                {"text":"Your parcel ships today"}""")),
                Arguments.of("text replying to an inbound message",
                        message(new Content.Text("Yes, it is on its way", null), WAMID),
                        wire("\"Yes, it is on its way\"", """
                                {"text":"Yes, it is on its way",
                                 "context":{"message_id":"wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMEMwRkZFRTAxMjM0NTY3ODkA"}}""")),
                Arguments.of("image with caption", message(media(ContentType.IMAGE,
                                "https://cdn.example.org/img/parcel.png", "Your parcel", null), null),
                        wire("\"Your parcel\"", """
                                {"media":{"mediaName":"Your parcel","mediaUri":"https://cdn.example.org/img/parcel.png",
                                          "mimeType":"image/png"}}""")),
                Arguments.of("image of unknown format, no caption", message(media(ContentType.IMAGE,
                                "https://cdn.example.org/render?id=42", null, null), null),
                        wire("\"https://cdn.example.org/render?id=42\"", """
                                {"media":{"mediaUri":"https://cdn.example.org/render?id=42"}}""")),
                Arguments.of("video with caption", message(media(ContentType.VIDEO,
                                "https://cdn.example.org/v/unboxing.mp4", "Unboxing", null), null),
                        wire("\"Unboxing\"", """
                                {"media":{"mediaName":"Unboxing","mediaUri":"https://cdn.example.org/v/unboxing.mp4",
                                          "mimeType":"video/mp4"}}""")),
                Arguments.of("audio", message(media(ContentType.AUDIO,
                                "https://cdn.example.org/a/jingle.mp3", null, null), null),
                        wire("\"https://cdn.example.org/a/jingle.mp3\"", """
                                {"media":{"mediaUri":"https://cdn.example.org/a/jingle.mp3","mimeType":"audio/mpeg"}}""")),
                Arguments.of("document with file name and caption", message(media(ContentType.DOCUMENT,
                                "https://cdn.example.org/d/inv-42.pdf", "Your invoice", "Invoice 42.pdf"), null),
                        wire("\"Your invoice\"", """
                                {"media":{"mediaName":"Invoice 42.pdf","mediaUri":"https://cdn.example.org/d/inv-42.pdf",
                                          "mimeType":"application/pdf"}}""")),
                Arguments.of("document named by its URL", message(media(ContentType.DOCUMENT,
                                "https://cdn.example.org/d/terms.docx", null, null), null),
                        wire("\"https://cdn.example.org/d/terms.docx\"", """
                                {"media":{"mediaName":"terms.docx","mediaUri":"https://cdn.example.org/d/terms.docx",
                                 "mimeType":"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}}""")),
                Arguments.of("sticker", message(media(ContentType.STICKER,
                                "https://cdn.example.org/s/thumbs-up.webp", null, null), null),
                        wire("\"https://cdn.example.org/s/thumbs-up.webp\"", """
                                {"media":{"mediaUri":"https://cdn.example.org/s/thumbs-up.webp","mimeType":"image/webp"}}""")),
                Arguments.of("location", message(new Content.Location(51.603802, 4.770821, "Depot Breda",
                                "Konijnenberg 30, Breda"), null),
                        wire("\"Depot Breda, Konijnenberg 30, Breda, 51.603802,4.770821\"", """
                                {"location":{"latitude":"51.603802","longitude":"4.770821","label":"Depot Breda",
                                             "searchQuery":"Konijnenberg 30, Breda"}}""")),
                Arguments.of("contacts", message(new Content.Contacts(List.of(card())), null),
                        wire("\"Jan de Vries +31612345678\"", """
                                {"contacts":[{
                                  "addresses":[{"city":"Breda","country":"Netherlands","country_code":"NL","state":"NB",
                                                "street":"Konijnenberg 30","type":"WORK","zip":"4825 BD"}],
                                  "birthday":"1990-04-12",
                                  "emails":[{"email":"jan@example.org","type":"WORK"}],
                                  "name":{"formatted_name":"Jan de Vries","first_name":"Jan","last_name":"de Vries"},
                                  "org":{"company":"Example BV","department":"Logistics","title":"Planner"},
                                  "phones":[{"phone":"+31612345678","type":"CELL"}],
                                  "urls":[{"url":"https://example.org","type":"WORK"}]}]}""")),
                Arguments.of("template with text header, body and two buttons", message(new Content.Template(
                                "delivery_update", "en_GB", "utility", Content.Header.ofText("Order 4711"),
                                List.of("Ada", "Tuesday"), List.of(
                                        new Content.TemplateButton(0, "quick_reply", "reschedule", null),
                                        new Content.TemplateButton(1, "url", null, "track/4711"))), null),
                        wire("\"delivery_update: Ada, Tuesday\"", """
                                {"template":{"whatsapp":{
                                  "namespace":"c0ffee00_1234_5678_9abc_def012345678",
                                  "element_name":"delivery_update",
                                  "language":{"policy":"deterministic","code":"en_GB"},
                                  "components":[
                                    {"type":"header","parameters":[{"type":"text","text":"Order 4711"}]},
                                    {"type":"body","parameters":[{"type":"text","text":"Ada"},{"type":"text","text":"Tuesday"}]},
                                    {"type":"button","sub_type":"quick_reply","index":0,
                                     "parameters":[{"type":"payload","payload":"reschedule"}]},
                                    {"type":"button","sub_type":"url","index":1,
                                     "parameters":[{"type":"text","text":"track/4711"}]}]}}}""")),
                Arguments.of("template with image header", message(new Content.Template("parcel_photo", "en", null,
                                Content.Header.of("image", null, "https://cdn.example.org/img/parcel.jpg", null, null),
                                List.of("Ada"), null), null),
                        wire("\"parcel_photo: Ada\"", """
                                {"template":{"whatsapp":{
                                  "namespace":"c0ffee00_1234_5678_9abc_def012345678",
                                  "element_name":"parcel_photo",
                                  "language":{"policy":"deterministic","code":"en"},
                                  "components":[
                                    {"type":"header","parameters":[{"type":"image","media":{
                                      "mediaUri":"https://cdn.example.org/img/parcel.jpg","mimeType":"image/jpeg"}}]},
                                    {"type":"body","parameters":[{"type":"text","text":"Ada"}]}]}}}""")),
                Arguments.of("template without parameters", message(new Content.Template("hello_world", "en_US",
                                null, null, List.of(), List.of()), null),
                        wire("\"hello_world\"", """
                                {"template":{"whatsapp":{
                                  "namespace":"c0ffee00_1234_5678_9abc_def012345678",
                                  "element_name":"hello_world",
                                  "language":{"policy":"deterministic","code":"en_US"}}}}""")),
                Arguments.of("reply buttons with text header and footer", message(new Content.Buttons(
                                "Deliver tomorrow?", Content.Header.ofText("Parcel 4711"), "Reply within 24 h", List.of(
                                new Content.ReplyButton("deliver_yes", "Yes, deliver"),
                                new Content.ReplyButton("deliver_no", "No, hold it"))), null),
                        wire("\"Parcel 4711\\nDeliver tomorrow?\\n[Yes, deliver] [No, hold it]\\nReply within 24 h\"", """
                                {"interactive":{"type":"button",
                                  "header":{"type":"text","text":"Parcel 4711"},
                                  "body":{"text":"Deliver tomorrow?"},
                                  "footer":{"text":"Reply within 24 h"},
                                  "action":{"buttons":[
                                    {"type":"reply","reply":{"id":"deliver_yes","title":"Yes, deliver"}},
                                    {"type":"reply","reply":{"id":"deliver_no","title":"No, hold it"}}]}}}""")),
                Arguments.of("reply buttons with document header", message(new Content.Buttons("Print the label?",
                                Content.Header.of("document", null, "https://cdn.example.org/d/label.pdf", null,
                                        "label.pdf"), null, List.of(new Content.ReplyButton("printed", "Printed"))),
                                null),
                        wire("\"Print the label?\\n[Printed]\"", """
                                {"interactive":{"type":"button",
                                  "header":{"type":"document","media":{"mediaName":"label.pdf",
                                            "mediaUri":"https://cdn.example.org/d/label.pdf","mimeType":"application/pdf"}},
                                  "body":{"text":"Print the label?"},
                                  "action":{"buttons":[{"type":"reply","reply":{"id":"printed","title":"Printed"}}]}}}""")),
                Arguments.of("list", message(new Content.ListMessage("Pick a delivery slot", "Choose slot",
                                Content.Header.ofText("Parcel 4711"), null, List.of(new Content.Section("This week",
                                List.of(new Content.Row("slot_tomorrow_am", "Tomorrow morning", "08:00 to 12:00"),
                                        new Content.Row("slot_tomorrow_pm", "Tomorrow afternoon", null))))), null),
                        wire("\"Parcel 4711\\nPick a delivery slot\\n- Tomorrow morning\\n- Tomorrow afternoon\"", """
                                {"interactive":{"type":"list",
                                  "header":{"type":"text","text":"Parcel 4711"},
                                  "body":{"text":"Pick a delivery slot"},
                                  "action":{"button":"Choose slot","sections":[{"title":"This week","rows":[
                                    {"id":"slot_tomorrow_am","title":"Tomorrow morning","description":"08:00 to 12:00"},
                                    {"id":"slot_tomorrow_pm","title":"Tomorrow afternoon"}]}]}}}""")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestBodies")
    void postsTheExactRequest(String name, OutboundMessage message, String expectedBody) {
        cm.stubFor(post(urlEqualTo("/v1.0/message")).willReturn(okJson("send-response-accepted.json")));

        SendOutcome outcome = connector.send(message, instance(Map.of()), SENDER);

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted(REFERENCE, "accepted", null));
        cm.verify(1, postRequestedFor(urlEqualTo("/v1.0/message"))
                .withHeader("X-CM-PRODUCTTOKEN", equalTo(TOKEN))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withoutHeader("Authorization")
                .withRequestBody(equalToJson(expectedBody)));
    }

    @Test
    void withoutANamespaceSettingTheTemplateHasNone() {
        cm.stubFor(post(urlEqualTo("/v1.0/message")).willReturn(okJson("send-response-accepted.json")));
        Map<String, String> settings = new HashMap<>();
        settings.put(CmConnector.TEMPLATE_NAMESPACE, null);

        connector.send(message(new Content.Template("hello_world", "en", null, null, List.of("Ada"), null), null),
                instance(settings), SENDER);

        cm.verify(postRequestedFor(urlEqualTo("/v1.0/message")).withRequestBody(equalToJson(wire(
                "\"hello_world: Ada\"", """
                        {"template":{"whatsapp":{"element_name":"hello_world",
                          "language":{"policy":"deterministic","code":"en"},
                          "components":[{"type":"body","parameters":[{"type":"text","text":"Ada"}]}]}}}"""))));
    }

    @Test
    void aValidityBecomesCmsAbsoluteValidity() {
        cm.stubFor(post(urlEqualTo("/v1.0/message")).willReturn(okJson("send-response-accepted.json")));
        OutboundMessage expiring = new OutboundMessage(GATEWAY_ID, "shop", "shop", Recipient.phone("+447911123456"),
                null, new Content.Text("Code 1234", false), null, null, Instant.parse("2026-03-02T09:00:00Z"),
                Instant.parse("2026-03-02T12:30:00Z"));

        connector.send(expiring, instance(Map.of()), SENDER);

        cm.verify(postRequestedFor(urlEqualTo("/v1.0/message")).withRequestBody(equalToJson("""
                {"messages":{"msg":[{"from":"0031610002000","to":[{"number":"00447911123456"}],
                  "body":{"type":"auto","content":"Code 1234"},"reference":"3f2b8c1e9a4d4c7eb1f02d6e8a9c0b14",
                  "allowedChannels":["WhatsApp"],"validity":"2026-03-02 12:30:00 GMT",
                  "richContent":{"conversation":[{"text":"Code 1234"}]}}]}}
                """)));
    }

    @Test
    void honoursABaseUrlWithATrailingSlash() {
        cm.stubFor(post(urlEqualTo("/v1.0/message")).willReturn(okJson("send-response-accepted.json")));

        SendOutcome outcome = connector.send(message(new Content.Text("Hi", false), null),
                instance(Map.of(CmConnector.BASE_URL, cm.baseUrl() + "/")), SENDER);

        assertThat(outcome).isInstanceOf(SendOutcome.Submitted.class);
    }

    // --- content CM cannot carry: refused before any call --------------------------------------------------------

    static Stream<Arguments> refusedContent() {
        return Stream.of(
                Arguments.of("reaction", new Content.Reaction(WAMID, "👍"), ErrorCategory.UNSUPPORTED_CONTENT, "reaction"),
                Arguments.of("image by media id", new Content.Media(ContentType.IMAGE, null, "1234567890", null, null),
                        ErrorCategory.UNSUPPORTED_CONTENT, "public link only"),
                Arguments.of("template copy_code button", new Content.Template("promo", "en", null, null, List.of(),
                                List.of(new Content.TemplateButton(0, "copy_code", null, "SAVE10"))),
                        ErrorCategory.UNSUPPORTED_CONTENT, "copy_code"),
                Arguments.of("list with an image header", new Content.ListMessage("Pick", "Open",
                                Content.Header.of("image", null, "https://cdn.example.org/x.png", null, null), null,
                                List.of(new Content.Section("S", List.of(new Content.Row("a", "A", null))))),
                        ErrorCategory.UNSUPPORTED_CONTENT, "only on reply buttons"),
                Arguments.of("template with an audio header", new Content.Template("voice", "en", null,
                                Content.Header.of("audio", null, "https://cdn.example.org/x.mp3", null, null),
                                List.of(), null),
                        ErrorCategory.UNSUPPORTED_CONTENT, "'audio'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedContent")
    void refusesContentCmCannotCarryWithoutACall(String name, Content content, ErrorCategory category,
                                                 String detailPart) {
        SendOutcome outcome = connector.send(message(content, null), instance(Map.of()), SENDER);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, failed -> {
            assertThat(failed.error().category()).isEqualTo(category);
            assertThat(failed.error().code()).isEqualTo("unsupported-content");
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.error().detail()).contains(detailPart);
        });
        cm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBusinessScopedUserIdCannotBeAddressed() {
        OutboundMessage toUserId = new OutboundMessage(GATEWAY_ID, "shop", "shop", Recipient.user("US.1234567890"),
                null, new Content.Text("Hi", false), null, null, Instant.now(), null);

        SendOutcome outcome = connector.send(toUserId, instance(Map.of()), SENDER);

        assertThat(((SendOutcome.Failed) outcome).error().code()).isEqualTo("invalid-message");
        assertThat(((SendOutcome.Failed) outcome).error().category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
        cm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void describesItself() {
        assertThat(connector.type()).isEqualTo("cm");
        assertThat(connector.secretSettings()).containsExactlyInAnyOrder("product-token", "webhook-secret");
        assertThat(connector.capabilities().contentTypes()).containsExactlyInAnyOrder(ContentType.TEXT,
                ContentType.IMAGE, ContentType.VIDEO, ContentType.AUDIO, ContentType.DOCUMENT, ContentType.STICKER,
                ContentType.LOCATION, ContentType.CONTACTS, ContentType.TEMPLATE, ContentType.BUTTONS,
                ContentType.LIST);
        assertThat(connector.capabilities().businessScopedUserIds()).isFalse();
        assertThat(connector.capabilities().readReceipts()).isFalse();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(CmFixtures.text(fixture));
    }

    private static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                CmConnector.BASE_URL, cm.baseUrl(),
                CmConnector.PRODUCT_TOKEN, TOKEN,
                CmConnector.WEBHOOK_SECRET, "hook-secret",
                CmConnector.TEMPLATE_NAMESPACE, NAMESPACE));
        settings.putAll(overrides);
        return new ConnectorInstance("cm-test", CmConnector.TYPE, settings);
    }

    static OutboundMessage message(Content content, String replyTo) {
        return new OutboundMessage(GATEWAY_ID, "shop", "shop", Recipient.phone("+447911123456"), "order-4711",
                content, replyTo, null, Instant.parse("2026-03-02T09:00:00Z"), null);
    }

    private static Content.Media media(ContentType kind, String url, String caption, String filename) {
        return new Content.Media(kind, url, null, caption, filename);
    }

    private static ContactCard card() {
        return new ContactCard(new ContactCard.Name("Jan de Vries", "Jan", "de Vries"),
                List.of(new ContactCard.Phone("+31612345678", "CELL", "31612345678")),
                List.of(new ContactCard.Email("jan@example.org", "WORK")),
                new ContactCard.Org("Example BV", "Logistics", "Planner"),
                List.of(new ContactCard.Url("https://example.org", "WORK")),
                List.of(new ContactCard.Address("Konijnenberg 30", "Breda", "NB", "4825 BD", "Netherlands", "NL",
                        "WORK")),
                "1990-04-12");
    }
}
