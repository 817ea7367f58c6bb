package io.wagateway.connector.cm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.SenderRef;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.model.ContactCard;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.InboundContent;
import io.wagateway.model.MessageError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inbound (MO) webhooks, each raw CM body to the exact canonical inbound message. */
class CmInboundTest {

    private static final String SECRET = "hook-secret";
    private static final SenderRef BUSINESS = SenderRef.number("+31610002000");
    private static final ContactRef ADA = new ContactRef("+447911123456", "447911123456", null, "Ada Lovelace", null);

    private final CmConnector connector = new CmConnector(new ObjectMapper());

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("text, as seen live", "mo-text.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMEMwRkZFRTAxMjM0NTY3ODkA", BUSINESS, ADA,
                        at("2026-03-02T10:20:31Z"), InboundContent.text("Is my parcel on its way?"), null)),
                Arguments.of("text, as documented (+E.164 business number, no message_type)", "mo-text-documented.json",
                        new ProviderEvent.Inbound("5c1e7a2b-0d9f-4e3a-8b6c-1f2e3d4c5b6a", BUSINESS,
                                new ContactRef("+33612345678", "33612345678", null, "Camille", null),
                                at("2026-03-02T10:21:00Z"), InboundContent.text("Bonjour"), null)),
                Arguments.of("interactive button reply", "mo-button-reply.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMEJVVFRPTjAwMDAwMDAwMDEA", BUSINESS, ADA,
                        at("2026-03-02T10:22:11Z"), InboundContent.reply("reply",
                                new InboundContent.Reply("deliver_yes", "Yes, deliver", null)),
                        "d4c3b2a1-0f9e-4d8c-b7a6-958473625140")),
                Arguments.of("list reply", "mo-list-reply.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMExJU1QwMDAwMDAwMDAwMDIA", BUSINESS, ADA,
                        at("2026-03-02T10:23:41Z"), InboundContent.reply("reply",
                                new InboundContent.Reply("slot_tomorrow_am", "Tomorrow morning", "08:00 to 12:00")),
                        "e5d4c3b2-a10f-4e9d-8c7b-a69584736251")),
                Arguments.of("template quick-reply tap", "mo-template-button.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMFRFTVBMQVRFMDAwMDAwMDMA", BUSINESS, ADA,
                        at("2026-03-02T10:24:00Z"), InboundContent.reply("button",
                                new InboundContent.Reply("optout_marketing", "Stop promotions", null)),
                        "f6e5d4c3-b2a1-4f0e-9d8c-7b6a59483726")),
                Arguments.of("image, as documented", "mo-image-documented.json", new ProviderEvent.Inbound(
                        "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d", BUSINESS,
                        new ContactRef("+16505551234", "16505551234", null, "Sam", null), at("2026-03-02T10:25:00Z"),
                        InboundContent.media("image", media("https://cdn-2.messaging.cm.com/fileproxy/files/7f3e2d1c0b9a",
                                "image/jpeg", "Broken lid on arrival", null)), null)),
                Arguments.of("document with a caption", "mo-document.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMERPQ1VNRU5UMDAwMDAwMDQA", BUSINESS, ADA,
                        at("2026-03-02T10:26:01Z"), InboundContent.media("document",
                                media("https://cdn-1.messaging.cm.com/fileproxy/files/1a2b3c4d5e6f", "application/pdf",
                                        "Here is the receipt", "receipt-0042.pdf")), null)),
                Arguments.of("sticker (image/webp)", "mo-sticker.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMFNUSUNLRVIwMDAwMDAwMDUA", BUSINESS, ADA,
                        at("2026-03-02T10:27:00Z"), InboundContent.media("sticker",
                                media("https://cdn-3.messaging.cm.com/fileproxy/files/0f1e2d3c4b5a", "image/webp",
                                        null, null)), null)),
                Arguments.of("voice note", "mo-voice-note.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMEFVRElPMDAwMDAwMDAwMDYA", BUSINESS, ADA,
                        at("2026-03-02T10:28:00Z"), InboundContent.media("audio",
                                media("https://cdn-2.messaging.cm.com/fileproxy/files/aa11bb22cc33",
                                        "audio/ogg; codecs=opus", null, null)), null)),
                Arguments.of("location", "mo-location.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMExPQ0FUSU9OMDAwMDAwMDcA", BUSINESS, ADA,
                        at("2026-03-02T10:29:00Z"), InboundContent.location(new InboundContent.Location(51.603802,
                                4.770821, "Depot Breda", "Konijnenberg 30, Breda", null)), null)),
                Arguments.of("contacts", "mo-contacts.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMENPTlRBQ1RTMDAwMDAwMDgA", BUSINESS, ADA,
                        at("2026-03-02T10:30:00Z"), InboundContent.contacts(List.of(new ContactCard(
                                new ContactCard.Name("Jan de Vries", "Jan", "de Vries"),
                                List.of(new ContactCard.Phone("+31 6 1234 5678", "CELL", "31612345678")),
                                List.of(new ContactCard.Email("jan@example.org", "WORK")),
                                new ContactCard.Org("Example BV", "Logistics", "Planner"),
                                List.of(new ContactCard.Url("https://example.org", "WORK")),
                                List.of(new ContactCard.Address("Konijnenberg 30", "Breda", "NB", "4825 BD",
                                        "Netherlands", "NL", "WORK")),
                                "1990-04-12"))), null)),
                Arguments.of("a kind CM names that we do not read", "mo-unknown-type.json", new ProviderEvent.Inbound(
                        "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgUM0VCMFJFQUNUSU9OMDAwMDAwMDkA", BUSINESS, ADA,
                        at("2026-03-02T10:31:00Z"), InboundContent.unsupported(new MessageError(
                                ErrorCategory.UNSUPPORTED_CONTENT, "reaction",
                                "Message type not supported by the CM connector", null, false)), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void readsEachInboundMessage(String name, String fixture, ProviderEvent.Inbound expected) {
        WebhookResult result = connector.handleWebhook(post(CmFixtures.bytes(fixture)), instance());

        assertThat(result).isEqualTo(WebhookResult.ok(List.of(expected)));
        assertThat(expected.dedupeKey()).isEqualTo("inbound:" + expected.providerMessageId());
    }

    @Test
    void anotherChannelIsAcknowledgedButCarriesNothing() {
        WebhookResult result = connector.handleWebhook(post(CmFixtures.bytes("mo-sms-channel.json")), instance());

        assertThat(result).isEqualTo(WebhookResult.ok(List.of()));
    }

    @Test
    void aRepeatedInboundWithoutReferenceKeepsOneIdentity() {
        byte[] body = """
                {"from":{"number":"+447911123456","name":"Ada"},"to":{"number":"0031610002000"},
                 "message":{"text":"no reference here","media":{"mediaUri":"","contentType":"","title":""},"custom":{}},
                 "timeUtc":"2026-03-02T10:40:00","channel":"WhatsApp"}""".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        ProviderEvent.Inbound first = (ProviderEvent.Inbound) connector.handleWebhook(post(body), instance()).events().get(0);
        ProviderEvent.Inbound again = (ProviderEvent.Inbound) connector.handleWebhook(post(body), instance()).events().get(0);

        assertThat(first.providerMessageId()).startsWith("cm-body-").isEqualTo(again.providerMessageId());
        assertThat(first.content()).isEqualTo(InboundContent.text("no reference here"));
    }

    private static InboundContent.Media media(String uri, String mimeType, String caption, String filename) {
        return new InboundContent.Media(uri, null, mimeType, caption, filename, null, null, null, null);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static WebhookRequest post(byte[] body) {
        return new WebhookRequest("POST", Map.of("content-type", "application/json"), Map.of("secret", SECRET), body);
    }

    private static ConnectorInstance instance() {
        return new ConnectorInstance("cm-test", CmConnector.TYPE,
                Map.of(CmConnector.PRODUCT_TOKEN, "unused", CmConnector.WEBHOOK_SECRET, SECRET));
    }
}
