package io.wagateway.connector.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import io.wagateway.model.Content.Header;
import io.wagateway.model.ContentType;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every content type of the contract on Meta's wire: each case is a canonical message and the literal request body
 * Meta must receive, compared by WireMock over real HTTP. The envelope ({@code messaging_product},
 * {@code recipient_type}, {@code to}, {@code biz_opaque_callback_data}) is written out in each case so that a diff
 * shows the whole wire.
 */
class MetaCloudConnectorWireTest {

    private static final String TOKEN = "EAAG-wire-token";
    private static final String PHONE_NUMBER_ID = "104200000000117";
    private static final String PATH = "/v25.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String GATEWAY_ID = "01JGXW0000000000000000WIRE";
    private static final Recipient ANA = Recipient.phone("+447911123456");
    private static final String WAMID = "wamid.HBgMNDQ3OTExMTIzNDU2FQIAERgSQlVTSU5FU1NNU0cwMDAxAA==";
    private static final SenderConfig SENDER = new SenderConfig("demo", "+447911000111", "meta-wire", PHONE_NUMBER_ID,
            "209900000000042", null, 80, false, false, Map.of());

    private static WireMockServer meta;
    private final MetaCloudConnector connector = new MetaCloudConnector(new ObjectMapper().findAndRegisterModules());

    @BeforeAll
    static void startMeta() {
        meta = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        meta.start();
    }

    @AfterAll
    static void stopMeta() {
        meta.stop();
    }

    @BeforeEach
    void reset() {
        meta.resetAll();
    }

    /** The envelope every case shares, with {@code rest} (the type's part) appended. */
    private static String toAna(String rest) {
        return "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+447911123456\","
                + "\"biz_opaque_callback_data\":\"" + GATEWAY_ID + "\"," + rest + "}";
    }

    static Stream<Arguments> requestBodies() {
        return Stream.of(
                // --- text and the envelope's options
                Arguments.of("text", send(new Content.Text("Your order has shipped", null)),
                        toAna("""
                        "type":"text","text":{"body":"Your order has shipped","preview_url":false}""")),
                Arguments.of("text with link preview", send(new Content.Text("Track it: https://example.org/t/42", true)),
                        toAna("""
                        "type":"text","text":{"body":"Track it: https://example.org/t/42","preview_url":true}""")),
                Arguments.of("text as a reply", send(new Content.Text("Yes, it is ready", false), WAMID, null),
                        toAna("""
                        "context":{"message_id":"%s"},
                        "type":"text","text":{"body":"Yes, it is ready","preview_url":false}""".formatted(WAMID))),
                Arguments.of("text with identity key hash", send(new Content.Text("Statement ready", false), null,
                        "DF2lS5v2W6x="), toAna("""
                        "recipient_identity_key_hash":"DF2lS5v2W6x=",
                        "type":"text","text":{"body":"Statement ready","preview_url":false}""")),
                Arguments.of("text to a business-scoped user id", new OutboundMessage(GATEWAY_ID, "demo", "demo",
                        Recipient.user("US.13491208655302741918"), null, new Content.Text("Hi there", false), null,
                        null, Instant.EPOCH, null), """
                        {"messaging_product":"whatsapp","recipient_type":"individual",
                         "recipient":"US.13491208655302741918","biz_opaque_callback_data":"%s",
                         "type":"text","text":{"body":"Hi there","preview_url":false}}""".formatted(GATEWAY_ID)),
                // --- media
                Arguments.of("image by link with caption", send(media(ContentType.IMAGE, "https://example.org/a.jpg",
                        null, "The parcel", null)), toAna("""
                        "type":"image","image":{"link":"https://example.org/a.jpg","caption":"The parcel"}""")),
                Arguments.of("image by media id", send(media(ContentType.IMAGE, null, "1339522734477770", null, null)),
                        toAna("""
                        "type":"image","image":{"id":"1339522734477770"}""")),
                Arguments.of("video by link with caption", send(media(ContentType.VIDEO, "https://example.org/v.mp4",
                        null, "How to return", null)), toAna("""
                        "type":"video","video":{"link":"https://example.org/v.mp4","caption":"How to return"}""")),
                Arguments.of("audio by media id", send(media(ContentType.AUDIO, null, "1013859600285441", null, null)),
                        toAna("""
                        "type":"audio","audio":{"id":"1013859600285441"}""")),
                Arguments.of("document by link with caption and filename", send(media(ContentType.DOCUMENT,
                        "https://example.org/invoice.pdf", null, "Your invoice", "invoice-4711.pdf")), toAna("""
                        "type":"document","document":{"link":"https://example.org/invoice.pdf","caption":"Your invoice",
                                                       "filename":"invoice-4711.pdf"}""")),
                Arguments.of("document by media id", send(media(ContentType.DOCUMENT, null, "2211000099", null,
                        "terms.pdf")), toAna("""
                        "type":"document","document":{"id":"2211000099","filename":"terms.pdf"}""")),
                Arguments.of("sticker by link", send(media(ContentType.STICKER, "https://example.org/s.webp", null,
                        null, null)), toAna("""
                        "type":"sticker","sticker":{"link":"https://example.org/s.webp"}""")),
                Arguments.of("sticker by media id", send(media(ContentType.STICKER, null, "798882015472548", null,
                        null)), toAna("""
                        "type":"sticker","sticker":{"id":"798882015472548"}""")),
                Arguments.of("image as a reply", send(media(ContentType.IMAGE, null, "1339522734477770", null, null),
                        WAMID, null), toAna("""
                        "context":{"message_id":"%s"},"type":"image","image":{"id":"1339522734477770"}"""
                        .formatted(WAMID))),
                // --- location and contacts
                Arguments.of("location", send(new Content.Location(51.5072178, -0.1275862, "Pickup point",
                        "1 Example Street, London")), toAna("""
                        "type":"location","location":{"latitude":"51.5072178","longitude":"-0.1275862",
                                                       "name":"Pickup point","address":"1 Example Street, London"}""")),
                Arguments.of("location, coordinates only", send(new Content.Location(-33.8688, 151.2093, null, null)),
                        toAna("""
                        "type":"location","location":{"latitude":"-33.8688","longitude":"151.2093"}""")),
                Arguments.of("contacts, every field", send(new Content.Contacts(List.of(new ContactCard(
                        new ContactCard.Name("Bea Lima", "Bea", "Lima"),
                        List.of(new ContactCard.Phone("+447911654321", "CELL", "447911654321"),
                                new ContactCard.Phone("+442079460000", "WORK", null)),
                        List.of(new ContactCard.Email("bea@example.org", "WORK")),
                        new ContactCard.Org("Example Ltd", "Support", "Lead"),
                        List.of(new ContactCard.Url("https://example.org", null)),
                        List.of(new ContactCard.Address("1 Example Street", "London", null, "SW1A 1AA",
                                "United Kingdom", "GB", "WORK")),
                        "1990-04-01")))), toAna("""
                        "type":"contacts","contacts":[{
                          "name":{"formatted_name":"Bea Lima","first_name":"Bea","last_name":"Lima"},
                          "phones":[{"phone":"+447911654321","type":"CELL","wa_id":"447911654321"},
                                    {"phone":"+442079460000","type":"WORK"}],
                          "emails":[{"email":"bea@example.org","type":"WORK"}],
                          "org":{"company":"Example Ltd","department":"Support","title":"Lead"},
                          "urls":[{"url":"https://example.org"}],
                          "addresses":[{"street":"1 Example Street","city":"London","zip":"SW1A 1AA",
                                        "country":"United Kingdom","country_code":"GB","type":"WORK"}],
                          "birthday":"1990-04-01"}]""")),
                Arguments.of("contacts, name made of first and last", send(new Content.Contacts(List.of(
                        new ContactCard(new ContactCard.Name(null, "Dan", "Reyes"),
                                List.of(new ContactCard.Phone("+16505551234", null, null)), null,
                                ContactCard.Org.of("Example Inc"), null, null, null)))), toAna("""
                        "type":"contacts","contacts":[{
                          "name":{"formatted_name":"Dan Reyes","first_name":"Dan","last_name":"Reyes"},
                          "phones":[{"phone":"+16505551234"}],"org":{"company":"Example Inc"}}]""")),
                // --- templates
                Arguments.of("template, text header, body and every button kind", send(new Content.Template(
                        "order_update", "en_US", "UTILITY", Header.ofText("Order 4711"), List.of("Jessica", "Friday"),
                        List.of(new Content.TemplateButton(0, "quick_reply", "CONFIRM", null),
                                new Content.TemplateButton(1, "url", null, "4711"),
                                new Content.TemplateButton(2, "copy_code", null, "25OFF")))), toAna("""
                        "type":"template","template":{"name":"order_update","language":{"code":"en_US"},
                          "components":[
                            {"type":"header","parameters":[{"type":"text","text":"Order 4711"}]},
                            {"type":"body","parameters":[{"type":"text","text":"Jessica"},{"type":"text","text":"Friday"}]},
                            {"type":"button","sub_type":"quick_reply","index":"0",
                             "parameters":[{"type":"payload","payload":"CONFIRM"}]},
                            {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"4711"}]},
                            {"type":"button","sub_type":"COPY_CODE","index":"2",
                             "parameters":[{"type":"coupon_code","coupon_code":"25OFF"}]}]}""")),
                Arguments.of("template, image header by media id", send(new Content.Template("welcome_discount",
                        "en_US", null, Header.of("image", null, null, "1339522734477770", null), List.of("Jessica"),
                        null)), toAna("""
                        "type":"template","template":{"name":"welcome_discount","language":{"code":"en_US"},
                          "components":[
                            {"type":"header","parameters":[{"type":"image","image":{"id":"1339522734477770"}}]},
                            {"type":"body","parameters":[{"type":"text","text":"Jessica"}]}]}""")),
                Arguments.of("template, document header by link", send(new Content.Template("invoice_ready", "pt_BR",
                        null, Header.of("document", null, "https://example.org/i.pdf", null, "fatura.pdf"), List.of(),
                        null)), toAna("""
                        "type":"template","template":{"name":"invoice_ready","language":{"code":"pt_BR"},
                          "components":[{"type":"header","parameters":[{"type":"document",
                            "document":{"link":"https://example.org/i.pdf","filename":"fatura.pdf"}}]}]}""")),
                Arguments.of("template, video header by link", send(new Content.Template("how_to", "en", null,
                        Header.of("video", null, "https://example.org/v.mp4", null, null), null, null)), toAna("""
                        "type":"template","template":{"name":"how_to","language":{"code":"en"},
                          "components":[{"type":"header","parameters":[{"type":"video",
                            "video":{"link":"https://example.org/v.mp4"}}]}]}""")),
                Arguments.of("template without parameters", send(new Content.Template("hello_world", "en_US", null,
                        null, null, null)), toAna("""
                        "type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}""")),
                Arguments.of("authentication template: code in body and url button", send(new Content.Template(
                        "login_code", "en", "AUTHENTICATION", null, List.of("482913"),
                        List.of(new Content.TemplateButton(0, "url", null, "482913")))), toAna("""
                        "type":"template","template":{"name":"login_code","language":{"code":"en"},
                          "components":[
                            {"type":"body","parameters":[{"type":"text","text":"482913"}]},
                            {"type":"button","sub_type":"url","index":"0",
                             "parameters":[{"type":"text","text":"482913"}]}]}""")),
                // --- interactive
                Arguments.of("reply buttons, text header and footer", send(new Content.Buttons(
                        "Your workshop is at 9am tomorrow.", Header.ofText("Workshop"), "Reply to change",
                        List.of(new Content.ReplyButton("change-button", "Change"),
                                new Content.ReplyButton("cancel-button", "Cancel")))), toAna("""
                        "type":"interactive","interactive":{"type":"button",
                          "header":{"type":"text","text":"Workshop"},
                          "body":{"text":"Your workshop is at 9am tomorrow."},
                          "footer":{"text":"Reply to change"},
                          "action":{"buttons":[{"type":"reply","reply":{"id":"change-button","title":"Change"}},
                                               {"type":"reply","reply":{"id":"cancel-button","title":"Cancel"}}]}}""")),
                Arguments.of("reply buttons, image header by media id", send(new Content.Buttons("Keep this?",
                        Header.of("image", null, null, "2762702990552401", null), null,
                        List.of(new Content.ReplyButton("yes", "Yes")))), toAna("""
                        "type":"interactive","interactive":{"type":"button",
                          "header":{"type":"image","image":{"id":"2762702990552401"}},
                          "body":{"text":"Keep this?"},
                          "action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}}]}}""")),
                Arguments.of("reply buttons, document header by link", send(new Content.Buttons("Sign it?",
                        Header.of("document", null, "https://example.org/c.pdf", null, "contract.pdf"), null,
                        List.of(new Content.ReplyButton("sign", "Sign")))), toAna("""
                        "type":"interactive","interactive":{"type":"button",
                          "header":{"type":"document","document":{"link":"https://example.org/c.pdf",
                                                                  "filename":"contract.pdf"}},
                          "body":{"text":"Sign it?"},
                          "action":{"buttons":[{"type":"reply","reply":{"id":"sign","title":"Sign"}}]}}""")),
                Arguments.of("list with header, footer and two sections", send(new Content.ListMessage(
                        "Which shipping option?", "Shipping options", Header.ofText("Shipping"), "Prices include VAT",
                        List.of(new Content.Section("Express", List.of(
                                        new Content.Row("priority_express", "Priority Mail Express", "Next day"),
                                        new Content.Row("priority", "Priority Mail", "1 to 3 days"))),
                                new Content.Section("Standard", List.of(
                                        new Content.Row("ground", "Ground", null)))))), toAna("""
                        "type":"interactive","interactive":{"type":"list",
                          "header":{"type":"text","text":"Shipping"},
                          "body":{"text":"Which shipping option?"},
                          "footer":{"text":"Prices include VAT"},
                          "action":{"button":"Shipping options","sections":[
                            {"title":"Express","rows":[
                              {"id":"priority_express","title":"Priority Mail Express","description":"Next day"},
                              {"id":"priority","title":"Priority Mail","description":"1 to 3 days"}]},
                            {"title":"Standard","rows":[{"id":"ground","title":"Ground"}]}]}}""")),
                Arguments.of("list, one untitled section", send(new Content.ListMessage("Pick a slot", "Slots", null,
                        null, List.of(new Content.Section(null, List.of(new Content.Row("am", "Morning", null)))))),
                        toAna("""
                        "type":"interactive","interactive":{"type":"list","body":{"text":"Pick a slot"},
                          "action":{"button":"Slots","sections":[{"rows":[{"id":"am","title":"Morning"}]}]}}""")),
                // --- reactions never carry context, even when the message has a reply-to
                Arguments.of("reaction", send(new Content.Reaction(WAMID, "\uD83D\uDE00"), WAMID, null), toAna("""
                        "type":"reaction","reaction":{"message_id":"%s","emoji":"\uD83D\uDE00"}""".formatted(WAMID))),
                Arguments.of("reaction removed", send(new Content.Reaction(WAMID, "")), toAna("""
                        "type":"reaction","reaction":{"message_id":"%s","emoji":""}""".formatted(WAMID))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestBodies")
    void postsTheExactRequest(String name, OutboundMessage message, String expectedBody) {
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"messaging_product":"whatsapp","contacts":[{"input":"+447911123456","wa_id":"447911123456"}],
                         "messages":[{"id":"wamid.WIRE1"}]}""")));

        SendOutcome outcome = connector.send(message, instance(), SENDER);

        assertThat(outcome).isInstanceOf(SendOutcome.Submitted.class);
        meta.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(expectedBody)));
    }

    static Stream<Arguments> templatePacing() {
        return Stream.of(Arguments.of("accepted"), Arguments.of("held_for_quality_assessment"),
                Arguments.of("paused"));
    }

    /** Meta's pacing word for a template send is kept as the provider status of SUBMITTED. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("templatePacing")
    void keepsTheMessageStatusOfTheSendResponse(String messageStatus) {
        meta.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"messaging_product":"whatsapp","contacts":[{"input":"+447911123456","wa_id":"447911123456"}],
                         "messages":[{"id":"wamid.PACED1","message_status":"%s"}]}""".formatted(messageStatus))));

        SendOutcome outcome = connector.send(send(new Content.Template("weekly_offer", "en_GB", "MARKETING", null,
                null, null)), instance(), SENDER);

        assertThat(outcome).isEqualTo(new SendOutcome.Submitted("wamid.PACED1", messageStatus, "447911123456"));
    }

    private static Content.Media media(ContentType kind, String url, String mediaId, String caption, String filename) {
        return new Content.Media(kind, url, mediaId, caption, filename);
    }

    private static OutboundMessage send(Content content) {
        return send(content, null, null);
    }

    private static OutboundMessage send(Content content, String replyTo, String identityHash) {
        return new OutboundMessage(GATEWAY_ID, "demo", "demo", ANA, "ref-1", content, replyTo, identityHash,
                Instant.parse("2026-01-01T12:00:00Z"), null);
    }

    private static ConnectorInstance instance() {
        return new ConnectorInstance("meta-wire", MetaCloudConnector.TYPE, Map.of(
                MetaCloudConnector.BASE_URL, meta.baseUrl(), MetaCloudConnector.ACCESS_TOKEN, TOKEN));
    }
}
