package io.wagateway.connector.webex;

import static io.wagateway.connector.webex.WebexReceiptsTest.instance;
import static io.wagateway.connector.webex.WebexReceiptsTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SenderRef;
import io.wagateway.connector.WebhookResult;
import io.wagateway.model.ContactCard;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.InboundContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** App events (MO, postback, reply, list) as canonical inbound messages, each a signed fixture. */
class WebexInboundTest {

    static final SenderRef APP = SenderRef.appId("a_171234567890123456");
    static final ContactRef ADA = new ContactRef("+447911123456", "447911123456", "GB.1398204155762934", "Ada Lovelace",
            "Qm9vdHN0cmFwSGFzaDE=");
    static final String TID = "3c9a5e71-0d4b-4a8e-b2f1-7e6d5c4b3a21_0";
    static final Instant TS = Instant.parse("2026-05-08T09:15:02.417Z");

    private final WebexConnectConnector connector = new WebexConnectConnector(new ObjectMapper().findAndRegisterModules());

    static ProviderEvent.Inbound inbound(InboundContent content) {
        return new ProviderEvent.Inbound(TID, APP, ADA, TS, content, null);
    }

    static InboundContent.Media media(String url, String mimeType, String caption) {
        return new InboundContent.Media(url, null, mimeType, caption, null, null, null, null, null);
    }

    static Stream<Arguments> events() {
        ContactCard grace = new ContactCard(new ContactCard.Name("Grace Hopper", "Grace", "Hopper"),
                List.of(new ContactCard.Phone("+44 7911 123457", "CELL", "447911123457")),
                List.of(ContactCard.Email.of("grace@example.org", "WORK")), ContactCard.Org.of("Example Ltd", "Support", null),
                List.of(), List.of(new ContactCard.Address("1 Main Road", "London", null, "SW1A 1AA", "United Kingdom",
                        "gb", "WORK")), "1990-12-03");
        return Stream.of(
                Arguments.of("webhook-mo-text.json", List.of(inbound(InboundContent.text("Is my order on its way?")))),
                Arguments.of("webhook-mo-text-plus-waid.json", List.of(new ProviderEvent.Inbound(TID, APP,
                        new ContactRef("+16505551234", "16505551234", null, null, null), TS,
                        InboundContent.text("Hello again"), null))),
                Arguments.of("webhook-mo-waid-derived.json", List.of(new ProviderEvent.Inbound(TID, APP,
                        new ContactRef(null, null, "GB.1398204155762934", "ada.codes", null), TS,
                        InboundContent.text("Hi from a username"), null))),
                Arguments.of("webhook-mo-image.json", List.of(inbound(InboundContent.media("image", media(
                        "https://attachments.imiconnect.site/v1/download-media?exp=1778231702&sig=c2ln&id=img-1",
                        "image/jpeg", "The broken part"))))),
                Arguments.of("webhook-mo-document.json", List.of(inbound(InboundContent.media("document", media(
                        "https://stgrtmedia.s3.amazonaws.com/a_171234567890123456/5d0c1f2e-invoice.pdf",
                        "application/pdf", "Invoice 4711"))))),
                Arguments.of("webhook-mo-audio.json", List.of(inbound(InboundContent.media("audio", media(
                        "https://stgrtmedia.s3.amazonaws.com/a_171234567890123456/0a1b2c3d-voice",
                        "audio/ogg; codecs=opus", null))))),
                Arguments.of("webhook-mo-video.json", List.of(inbound(InboundContent.media("video", media(
                        "https://stgrtmedia.s3.amazonaws.com/a_171234567890123456/9f8e7d6c.mp4", "video/mp4",
                        "Look at this"))))),
                Arguments.of("webhook-mo-sticker.json", List.of(inbound(InboundContent.media("sticker",
                        new InboundContent.Media("https://attachments.imiconnect.site/v1/download-media?exp=1778231702&id=st-7731",
                                null, "image/webp", null, null, "b1946ac92492d2347c6235b4d2611184", null, null, null))))),
                Arguments.of("webhook-mo-two-attachments.json", List.of(
                        inbound(InboundContent.media("image", media("https://stgrtmedia.s3.amazonaws.com/a/first.png",
                                "image/png", null))),
                        new ProviderEvent.Inbound(TID + "#2", APP, ADA, TS, InboundContent.media("image",
                                media("https://stgrtmedia.s3.amazonaws.com/a/second.png", "image/png", null)), null))),
                Arguments.of("webhook-mo-location.json", List.of(inbound(InboundContent.location(new InboundContent.Location(
                        37.33182, -122.03118, "Head office", "1 Infinite Loop, Cupertino", "https://maps.example.org/hq"))))),
                Arguments.of("webhook-mo-contacts.json", List.of(inbound(InboundContent.contacts(List.of(grace))))),
                Arguments.of("webhook-postback.json", List.of(inbound(InboundContent.reply("button",
                        new InboundContent.Reply("order-4711-confirm", "Yes, confirm", null))))),
                Arguments.of("webhook-postback-trailing-comma.json", List.of(new ProviderEvent.Inbound(
                        "5bbc6f8c-5565-4278-b0a0-054ee1fe38f5_0", APP,
                        new ContactRef("+16505551234", "16505551234", null, null, null),
                        Instant.parse("2026-05-08T07:16:36.080Z"), InboundContent.reply("button",
                        new InboundContent.Reply("STOP_PROMOS", "Stop promotions", null)), null))),
                Arguments.of("webhook-reply-button.json", List.of(new ProviderEvent.Inbound(TID, APP, ADA, TS,
                        InboundContent.reply("reply", new InboundContent.Reply("slot-morning", "Morning", null)),
                        "gBEGkYCWEgQIAgm7rPKN2uP0DOw"))),
                Arguments.of("webhook-list-row.json", List.of(new ProviderEvent.Inbound(TID, APP, ADA, TS,
                        InboundContent.reply("reply", new InboundContent.Reply("size-m", "Medium", "Chest 96-101 cm")),
                        "gBEGkYCWEgQIAgm7rPKN2uP0DOx"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readsEachEvent(String fixture, List<ProviderEvent> expected) {
        WebhookResult result = connector.handleWebhook(signed(WebexFixtures.bytes(fixture)), instance());

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.events()).containsExactlyElementsOf(expected);
    }

    @Test
    void aMessageWithNothingReadableIsUnsupportedAndStillDedupable() {
        byte[] body = WebexFixtures.bytes("webhook-mo-empty.json");

        ProviderEvent.Inbound first = (ProviderEvent.Inbound) connector.handleWebhook(signed(body), instance()).events().get(0);
        ProviderEvent.Inbound again = (ProviderEvent.Inbound) connector.handleWebhook(signed(body), instance()).events().get(0);

        assertThat(first.content().type()).isEqualTo("unsupported");
        assertThat(first.content().error().category()).isEqualTo(ErrorCategory.UNSUPPORTED_CONTENT);
        // the fixture has no tid: the id is derived from the event, so a Webex retry dedupes
        assertThat(first.providerMessageId()).startsWith("sha256:");
        assertThat(again.dedupeKey()).isEqualTo(first.dedupeKey());
    }

    @Test
    void aMarketingOptOutBecomesANotice() {
        WebhookResult result = connector.handleWebhook(signed(WebexFixtures.bytes("webhook-user-preference.json")),
                instance());

        assertThat(result.events()).containsExactly(new ProviderEvent.Notice("contact.consent_changed", APP,
                Instant.ofEpochSecond(1778231702L), "stop", "User preference for marketing_messages",
                "User requested to stop marketing messages", Map.of("category", "marketing_messages", "value", "stop",
                "waId", "447911123456", "userId", "GB.1398204155762934")));
    }
}
