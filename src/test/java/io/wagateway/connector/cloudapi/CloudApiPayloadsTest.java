package io.wagateway.connector.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dialect's own rules. Every content type's wire body is pinned over HTTP in {@code MetaCloudConnectorSendTest};
 * here are the envelope and what the builder refuses.
 */
class CloudApiPayloadsTest {

    private static final Recipient ANA = Recipient.phone("+447911123456");

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final CloudApiPayloads payloads = new CloudApiPayloads(mapper);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain text to a phone number",
                        message(ANA, new Content.Text("Hello", null), null, null),
                        """
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+447911123456",
                         "biz_opaque_callback_data":"01JGXA0000000000000000PAY1",
                         "type":"text","text":{"body":"Hello","preview_url":false}}
                        """),
                Arguments.of("reply with preview, identity hash, to a user id",
                        message(Recipient.user("US.20481632641282565121"),
                                new Content.Text("See https://example.org", true), "wamid.ORIGINAL1", "q7Zr2Lm9Xw4="),
                        """
                        {"messaging_product":"whatsapp","recipient_type":"individual",
                         "recipient":"US.20481632641282565121",
                         "context":{"message_id":"wamid.ORIGINAL1"},
                         "biz_opaque_callback_data":"01JGXA0000000000000000PAY1",
                         "recipient_identity_key_hash":"q7Zr2Lm9Xw4=",
                         "type":"text","text":{"body":"See https://example.org","preview_url":true}}
                        """),
                Arguments.of("media given both ways: the uploaded id wins, as Meta recommends",
                        message(ANA, new Content.Media(ContentType.IMAGE, "https://example.org/a.png", "4490001",
                                null, null), null, null),
                        """
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+447911123456",
                         "biz_opaque_callback_data":"01JGXA0000000000000000PAY1",
                         "type":"image","image":{"id":"4490001"}}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsTheWireBody(String name, OutboundMessage message, String expectedJson) throws Exception {
        assertThat(mapper.readTree(payloads.json(message))).isEqualTo(mapper.readTree(expectedJson));
    }

    @Test
    void marksAMessageRead() throws Exception {
        assertThat(mapper.readTree(payloads.markReadJson("wamid.IN1"))).isEqualTo(mapper.readTree(
                "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN1\"}"));
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of(new Content.ListMessage("Pick one", "Options",
                        Content.Header.of("image", null, "https://example.org/a.png", null, null), null,
                        List.of(new Content.Section(null, List.of(new Content.Row("a", "A", null))))),
                        ContentType.LIST, "list header must be text"),
                Arguments.of(new Content.Buttons("Choose", Content.Header.of("audio", null, null, "77", null), null,
                        List.of(new Content.ReplyButton("y", "Yes"))), ContentType.BUTTONS, "'audio'"),
                Arguments.of(new Content.Template("otp", "en", null, null, List.of("123456"),
                        List.of(new Content.TemplateButton(0, "phone_number", null, "+447911123456"))),
                        ContentType.TEMPLATE, "'phone_number'"));
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void contentWhatsAppCannotCarryIsRefusedNamingIt(Content content, ContentType type, String detail) {
        assertThatThrownBy(() -> payloads.build(message(ANA, content, null, null)))
                .isInstanceOfSatisfying(UnsupportedContentException.class, e -> assertThat(e.type()).isEqualTo(type))
                .hasMessageContaining(detail);
    }

    static Stream<Arguments> incomplete() {
        return Stream.of(
                Arguments.of(new Recipient(null, " "), new Content.Text("Hi", false), "recipient"),
                Arguments.of(ANA, null, "no content"),
                Arguments.of(ANA, new Content.Media(ContentType.VIDEO, null, " ", "clip", null), "url or a mediaId"),
                Arguments.of(ANA, new Content.Location(null, -0.12, "Here", null), "latitude"),
                Arguments.of(ANA, new Content.Contacts(List.of(new ContactCard(new ContactCard.Name(" ", null, null),
                        null, null, null, null, null, null))), "name"),
                Arguments.of(ANA, new Content.Template("offer", "en", null, null, null,
                        List.of(new Content.TemplateButton(null, "url", null, "x"))), "index"),
                Arguments.of(ANA, new Content.Template("offer", "en", null, null, null,
                        List.of(new Content.TemplateButton(1, "copy_code", " ", null))), "payload or text"),
                Arguments.of(ANA, new Content.Buttons("Choose", null, null, List.of()), "reply buttons"),
                Arguments.of(ANA, new Content.Reaction(null, "\uD83D\uDC4D"), "reacts to"));
    }

    @ParameterizedTest
    @MethodSource("incomplete")
    void anIncompleteMessageIsRefusedSayingWhatIsMissing(Recipient to, Content content, String detail) {
        assertThatThrownBy(() -> payloads.build(message(to, content, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining(detail);
    }

    static OutboundMessage message(Recipient to, Content content, String replyTo, String identityHash) {
        return new OutboundMessage("01JGXA0000000000000000PAY1", "demo", "demo", to, "order-1", content, replyTo,
                identityHash, Instant.parse("2026-01-01T12:00:00Z"), null);
    }
}
