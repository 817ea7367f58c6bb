package io.wagateway.connector.webex;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.SendOutcome;
import io.wagateway.connector.SenderConfig;
import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
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

/** What goes on the wire for each content type, over real HTTP (WireMock standing in for Webex Connect). */
class WebexConnectConnectorSendTest {

    static final String KEY = "svc-key-0123456789abcdef";
    static final String PATH = "/resources/v1/messaging";
    static final String GATEWAY_ID = "01JGXW0000000000000000WBX1";
    static final String APP_ID = "a_171234567890123456";
    static final SenderConfig SENDER = new SenderConfig("demo", "+447911000111", "webex-test", null, null, APP_ID, 80,
            false, false, Map.of(
                    "order_update", Map.of("en_GB", "TPL-88213"),
                    "login_code", Map.of("en", "TPL-OTP-1"),
                    "new_catalogue", Map.of("en", "TPL-CAT-7")));
    static final Recipient UK = Recipient.phone("+447911123456");

    static WireMockServer webex;
    final WebexConnectConnector connector = new WebexConnectConnector(new ObjectMapper().findAndRegisterModules());

    @BeforeAll
    static void startWebex() {
        webex = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        webex.start();
    }

    @AfterAll
    static void stopWebex() {
        webex.stop();
    }

    @BeforeEach
    void reset() {
        webex.resetAll();
        webex.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, WebexFixtures.text("send-response-queued.json"))));
    }

    /** The envelope every request shares, around the part each case adds. */
    static String envelope(String destination, String part) {
        return """
                {"deliverychannel":"whatsapp","appid":"a_171234567890123456","destination":[%s],
                 "callbackData":"01JGXW0000000000000000WBX1","correlationid":"01JGXW0000000000000000WBX1",%s}
                """.formatted(destination, part);
    }

    static String toUk(String part) {
        return envelope("{\"waid\":[\"447911123456\"]}", part);
    }

    static Stream<Arguments> requestBodies() {
        ContactCard card = new ContactCard(new ContactCard.Name("Grace Hopper", "Grace", "Hopper"),
                List.of(new ContactCard.Phone("+44 7911 123457", "CELL", "447911123457")),
                List.of(ContactCard.Email.of("grace@example.org", "WORK")), ContactCard.Org.of("Example Ltd", "Support", null),
                List.of(ContactCard.Url.of("https://example.org")),
                List.of(new ContactCard.Address("1 Main Road", "London", null, "SW1A 1AA", "United Kingdom", "gb", "WORK")),
                "1990-12-03");
        return Stream.of(
                Arguments.of("text", message(UK, new Content.Text("Your order has shipped", false), null, null), toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"text","text":{"body":"Your order has shipped"}}}}
                        """)),
                Arguments.of("text with link preview and identity hash",
                        message(UK, new Content.Text("Track it at https://example.org/t/42", true), "Qm9vdHN0cmFwSGFzaDE=", null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"text",
                          "text":{"body":"Track it at https://example.org/t/42","preview_url":true},
                          "identity_key_hash":"Qm9vdHN0cmFwSGFzaDE="}}}
                        """)),
                Arguments.of("text to a business-scoped user id",
                        message(Recipient.user("GB.1398204155762934"), new Content.Text("Hi there", null), null, null),
                        envelope("{\"bsuid\":[\"GB.1398204155762934\"]}", """
                        "channels":{"OTT-Messaging":{"wa":{"type":"text","text":{"body":"Hi there"}}}}
                        """)),
                Arguments.of("text with a validity becomes expiry",
                        message(UK, new Content.Text("Code 4711", false), null, Instant.parse("2026-05-08T13:00:19.456Z")),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"text","text":{"body":"Code 4711"}}}},
                        "expiry":"2026-05-08T13:00:19.456Z"
                        """)),
                Arguments.of("image with caption",
                        message(UK, media(ContentType.IMAGE, "https://cdn.example.org/p/cat.JPG?v=2", "A cat", null), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"image",
                          "image":{"url":"https://cdn.example.org/p/cat.JPG?v=2","mimeType":"image/jpeg","caption":"A cat"}}}}
                        """)),
                Arguments.of("video", message(UK, media(ContentType.VIDEO, "https://cdn.example.org/v/clip.mp4", null, null), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"video",
                          "video":{"url":"https://cdn.example.org/v/clip.mp4","mimeType":"video/mp4"}}}}
                        """)),
                Arguments.of("audio drops the caption",
                        message(UK, media(ContentType.AUDIO, "https://cdn.example.org/a/note.aac", "ignored", null), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"audio",
                          "audio":{"url":"https://cdn.example.org/a/note.aac","mimeType":"audio/aac"}}}}
                        """)),
                Arguments.of("document with filename and caption",
                        message(UK, media(ContentType.DOCUMENT, "https://cdn.example.org/d/invoice-4711.pdf", "Your invoice",
                                "Invoice 4711.pdf"), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"document",
                          "document":{"url":"https://cdn.example.org/d/invoice-4711.pdf","mimeType":"application/pdf",
                                      "caption":"Your invoice","filename":"Invoice 4711.pdf"}}}}
                        """)),
                Arguments.of("sticker is always WebP",
                        message(UK, media(ContentType.STICKER, "https://cdn.example.org/s/thumbs-up.webp", null, null), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"sticker",
                          "sticker":{"url":"https://cdn.example.org/s/thumbs-up.webp","mimeType":"image/webp"}}}}
                        """)),
                Arguments.of("location",
                        message(UK, new Content.Location(51.5007, -0.1246, "Big Ben", "Westminster, London"), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"location",
                          "location":{"longitude":-0.1246,"latitude":51.5007,"name":"Big Ben","address":"Westminster, London"}}}}
                        """)),
                Arguments.of("contacts", message(UK, new Content.Contacts(List.of(card)), null, null), toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"contacts","contacts":[{
                          "name":{"formatted_name":"Grace Hopper","first_name":"Grace","last_name":"Hopper"},
                          "phones":[{"phone":"+44 7911 123457","type":"CELL","wa_id":"447911123457"}],
                          "emails":[{"email":"grace@example.org","type":"WORK"}],
                          "org":{"company":"Example Ltd","department":"Support"},
                          "urls":[{"url":"https://example.org"}],
                          "addresses":[{"street":"1 Main Road","city":"London","zip":"SW1A 1AA","country":"United Kingdom",
                                        "country_code":"gb","type":"WORK"}],
                          "birthday":"1990-12-03"}]}}}
                        """)),
                Arguments.of("reply buttons with text header and footer",
                        message(UK, new Content.Buttons("When should we come?", Content.Header.ofText("Delivery slot"),
                                "Reply by 6 pm", List.of(new Content.ReplyButton("slot-morning", "Morning"),
                                new Content.ReplyButton("slot-evening", "Evening"))), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"reply","reply":{
                          "header":{"type":"text","text":"Delivery slot"},
                          "body":{"text":"When should we come?"},
                          "footer":{"text":"Reply by 6 pm"},
                          "action":{"buttons":[{"type":"reply","reply":{"id":"slot-morning","title":"Morning"}},
                                               {"type":"reply","reply":{"id":"slot-evening","title":"Evening"}}]}}}}}
                        """)),
                Arguments.of("reply buttons with a document header",
                        message(UK, new Content.Buttons("Sign it?", Content.Header.of("document", null,
                                "https://cdn.example.org/d/contract.pdf", null, "Contract.pdf"), null,
                                List.of(new Content.ReplyButton("sign", "Sign"))), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"reply","reply":{
                          "header":{"type":"document","document":{"url":"https://cdn.example.org/d/contract.pdf",
                                                                   "filename":"Contract.pdf"}},
                          "body":{"text":"Sign it?"},
                          "action":{"buttons":[{"type":"reply","reply":{"id":"sign","title":"Sign"}}]}}}}}
                        """)),
                Arguments.of("list",
                        message(UK, new Content.ListMessage("Pick your size", "Sizes", Content.Header.ofText("T-shirt"), null,
                                List.of(new Content.Section("Adults", List.of(new Content.Row("size-m", "Medium",
                                        "Chest 96-101 cm"), new Content.Row("size-l", "Large", null))))), null, null),
                        toUk("""
                        "channels":{"OTT-Messaging":{"wa":{"type":"list","list":{
                          "header":{"type":"text","text":"T-shirt"},
                          "body":{"text":"Pick your size"},
                          "action":{"button":"Sizes","sections":[{"title":"Adults","rows":[
                            {"id":"size-m","title":"Medium","description":"Chest 96-101 cm"},
                            {"id":"size-l","title":"Large"}]}]}}}}}
                        """)),
                Arguments.of("template by Webex id with header, body and quick replies",
                        message(UK, new Content.Template("order_update", "en_GB", "utility", Content.Header.ofText("Order 4711"),
                                List.of("Ada", "Thursday"), List.of(
                                        new Content.TemplateButton(0, "quick_reply", "order-4711-ok", "Looks good"),
                                        new Content.TemplateButton(1, "quick_reply", "order-4711-change", "Change it"))),
                                null, null),
                        toUk("""
                        "message":{"template":"TPL-88213","parameters":{
                          "1":"Ada","2":"Thursday","headerText":"Order 4711",
                          "quickReply":[{"button_text":"Looks good","payload":"order-4711-ok"},
                                        {"button_text":"Change it","payload":"order-4711-change"}]}}
                        """)),
                Arguments.of("template with an image header and an identity hash",
                        message(UK, new Content.Template("new_catalogue", "en", null, Content.Header.of("image", null,
                                "https://cdn.example.org/p/spring.png", null, null), List.of(), null),
                                "Qm9vdHN0cmFwSGFzaDE=", null),
                        toUk("""
                        "message":{"template":"TPL-CAT-7","parameters":{"image":{"link":"https://cdn.example.org/p/spring.png"}}},
                        "channels":{"OTT-Messaging":{"wa":{"identity_key_hash":"Qm9vdHN0cmFwSGFzaDE="}}}
                        """)),
                Arguments.of("authentication template sends its code as otp",
                        message(UK, new Content.Template("login_code", "en", "AUTHENTICATION", null, List.of("482913"), null),
                                null, null),
                        toUk("""
                        "message":{"template":"TPL-OTP-1","parameters":{"otp":{"type":"otp","value":"482913"}}}
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestBodies")
    void postsTheExactRequest(String name, OutboundMessage message, String expectedBody) {
        SendOutcome outcome = connector.send(message, instance(Map.of()), SENDER);

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted("6f1c2a9e-4b7d-4e21-9c3a-1d2e3f4a5b6c", "Queued", null));
        webex.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("key", equalTo(KEY))
                .withHeader("Authorization", absent())
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(expectedBody)));
    }

    @Test
    void aConfiguredJwtIsSentInsteadOfTheKey() {
        connector.send(text(), instance(Map.of(WebexConnectConnector.JWT, "eyJhbGciOiJIUzI1NiJ9.e30.sig")), SENDER);

        webex.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"))
                .withHeader("key", absent()));
    }

    @Test
    void aJwtAloneIsEnough() {
        Map<String, String> settings = new HashMap<>(Map.of(WebexConnectConnector.BASE_URL, webex.baseUrl(),
                WebexConnectConnector.JWT, "eyJ.jwt.only"));

        SendOutcome outcome = connector.send(text(), new ConnectorInstance("webex-test", "webex-connect", settings), SENDER);

        assertThat(outcome).isInstanceOf(SendOutcome.Submitted.class);
        webex.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer eyJ.jwt.only")));
    }

    @Test
    void tenantsWithPlusEnforcementGetThePlus() {
        connector.send(text(), instance(Map.of(WebexConnectConnector.WAID_FORMAT, "e164")), SENDER);

        webex.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"destination":[{"waid":["+447911123456"]}]}
                """, true, true)));
    }

    @Test
    void aLongGatewayIdGoesOnlyAsCallbackData() {
        String longId = "msg-" + "x".repeat(60);
        OutboundMessage message = new OutboundMessage(longId, "demo", "demo", UK, null, new Content.Text("Hi", false),
                null, null, Instant.parse("2026-01-01T12:00:00Z"), null);

        connector.send(message, instance(Map.of()), SENDER);

        webex.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalToJson("{\"callbackData\":\"" + longId + "\"}", true, true))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("correlationid")));
    }

    @Test
    void honoursBaseUrlWithTrailingSlash() {
        SendOutcome outcome = connector.send(text(), instance(Map.of(WebexConnectConnector.BASE_URL, webex.baseUrl() + "/")),
                SENDER);

        assertThat(outcome).isInstanceOf(SendOutcome.Submitted.class);
        webex.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void defaultsToTheUsRegion() {
        assertThat(WebexConnectConnector.DEFAULT_BASE_URL).isEqualTo("https://api.us.webexconnect.io");
        webex.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- helpers shared with the other send tests -------------------------------------------------------------------

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ConnectorInstance instance(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                WebexConnectConnector.BASE_URL, webex.baseUrl(),
                WebexConnectConnector.SERVICE_KEY, KEY,
                WebexConnectConnector.HUB_SECRET, "hub-secret-test"));
        settings.putAll(overrides);
        return new ConnectorInstance("webex-test", WebexConnectConnector.TYPE, settings);
    }

    static OutboundMessage text() {
        return message(UK, new Content.Text("Your order has shipped", false), null, null);
    }

    static Content.Media media(ContentType kind, String url, String caption, String filename) {
        return new Content.Media(kind, url, null, caption, filename);
    }

    static OutboundMessage message(Recipient to, Content content, String identityHash, Instant validUntil) {
        return new OutboundMessage(GATEWAY_ID, "demo", "demo", to, "order-4711", content, null, identityHash,
                Instant.parse("2026-01-01T12:00:00Z"), validUntil);
    }
}
