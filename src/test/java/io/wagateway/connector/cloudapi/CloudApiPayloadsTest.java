package io.wagateway.connector.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import io.wagateway.model.OutboundMessage;
import io.wagateway.model.Recipient;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case: a canonical message and the literal Cloud API body it must become (compared as JSON trees). */
class CloudApiPayloadsTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final CloudApiPayloads payloads = new CloudApiPayloads(mapper);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain text to a phone number",
                        message(Recipient.phone("+15550104567"), new Content.Text("Hello", null), null, null),
                        """
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+15550104567",
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
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsTheWireBody(String name, OutboundMessage message, String expectedJson) throws Exception {
        assertThat(mapper.readTree(payloads.json(message))).isEqualTo(mapper.readTree(expectedJson));
    }

    @Test
    void nonTextContentIsRefusedNamingItsType() {
        OutboundMessage image = message(Recipient.phone("+15550104567"),
                new Content.Media(ContentType.IMAGE, "https://example.org/a.png", null, null, null), null, null);
        assertThatThrownBy(() -> payloads.build(image))
                .isInstanceOfSatisfying(UnsupportedContentException.class,
                        e -> assertThat(e.type()).isEqualTo(ContentType.IMAGE))
                .hasMessageContaining("'image'");
    }

    @Test
    void aMessageNeedsARecipient() {
        OutboundMessage nobody = message(new Recipient(null, " "), new Content.Text("Hi", false), null, null);
        assertThatThrownBy(() -> payloads.build(nobody)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recipient");
    }

    static OutboundMessage message(Recipient to, Content content, String replyTo, String identityHash) {
        return new OutboundMessage("01JGXA0000000000000000PAY1", "demo", "demo", to, "order-1", content, replyTo,
                identityHash, Instant.parse("2026-01-01T12:00:00Z"), null);
    }
}
