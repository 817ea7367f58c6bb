package io.wagateway.connector.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.ProviderEvent.ContactChange;
import io.wagateway.connector.ProviderEvent.Inbound;
import io.wagateway.connector.SenderRef;
import io.wagateway.connector.StatusMap;
import io.wagateway.model.ContactCard;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.InboundContent;
import io.wagateway.model.InboundContent.Media;
import io.wagateway.model.InboundContent.Reply;
import io.wagateway.model.MessageError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case: a raw Meta webhook with {@code messages[]} (a fixture) and the canonical events it must give. */
class CloudApiInboundWebhookTest {

    private static final SenderRef BUSINESS = SenderRef.phoneNumberId("104200000000117");
    private static final ContactRef ANA = new ContactRef("+447911123456", "447911123456", null, "Ana Souza", null);
    private static final Instant AT = Instant.parse("2026-01-01T14:00:00Z");
    private static final String W = "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgS";
    /** The business message a button tap, a list choice or a reaction answers. */
    private static final String OURS = "wamid.HBgMNDQ3OTExMTIzNDU2FQIAERgSQlVTSU5FU1NNU0cwMDAxAA==";

    private final CloudApiWebhookParser parser = new CloudApiWebhookParser(new ObjectMapper().findAndRegisterModules(),
            ErrorCatalogue.load("meta-cloud"), StatusMap.load("meta-cloud"));

    record Case(String fixture, List<ProviderEvent> expected) {
        @Override
        public String toString() { return fixture; }
    }

    static Stream<Case> cases() {
        ErrorCatalogue catalogue = ErrorCatalogue.load("meta-cloud");
        return Stream.of(
                new Case("webhook-inbound-text.json", List.of(new Inbound(W + "SU5URVhUMDAwMDEA", BUSINESS,
                        new ContactRef("+447911123456", "447911123456", null, "Ana Souza", "Zx8vQ1pR3sT="), AT,
                        InboundContent.text("Is my order ready?"), null))),
                new Case("webhook-inbound-image.json", List.of(ana("SU5JTUFHRTAwMDEA", InboundContent.media("image",
                        new Media("1480207723001234", null, "image/jpeg", "The parcel, damaged", null,
                                "u3XH7wqYcQeW0ZbC1Zqg2x9JpQm0D6fJw5mX1oQb0aE=", null, null, null))))),
                new Case("webhook-inbound-video.json", List.of(ana("SU5WSURFTzAwMDEA", InboundContent.media("video",
                        new Media("1480207723005678", null, "video/mp4", null, null,
                                "k1Yc2W9p0Gm7hQ4tV8nR3sD6fJ1xZ5bL0aE9uI2oP7c=", null, null, null))))),
                new Case("webhook-inbound-audio-voice.json", List.of(ana("SU5BVURJTzAwMDEA",
                        InboundContent.media("audio", new Media("1480207723009012", null, "audio/ogg; codecs=opus",
                                null, null, "p0Gm7hQ4tV8nR3sD6fJ1xZ5bL0aE9uI2oP7ck1Yc2W9=", null, true, null))))),
                // courier's separate voice type: canonically an audio with the voice flag
                new Case("webhook-inbound-voice-type.json", List.of(ana("SU5WT0lDRTAwMDEA",
                        InboundContent.media("audio", new Media("1480207723003456", null, "audio/ogg; codecs=opus",
                                null, null, "R3sD6fJ1xZ5bL0aE9uI2oP7ck1Yc2W9p0Gm7hQ4tV8n=", null, true, null))))),
                new Case("webhook-inbound-document.json", List.of(ana("SU5ET0NVTUVOVDEA",
                        InboundContent.media("document", new Media("1480207723007890", null, "application/pdf",
                                "Signed form", "return-form.pdf", "fJ1xZ5bL0aE9uI2oP7ck1Yc2W9p0Gm7hQ4tV8nR3sD6=", null,
                                null, null))))),
                new Case("webhook-inbound-sticker.json", List.of(ana("SU5TVElDS0VSMDEA",
                        InboundContent.media("sticker", new Media("1480207723002468", null, "image/webp", null, null,
                                "Z5bL0aE9uI2oP7ck1Yc2W9p0Gm7hQ4tV8nR3sD6fJ1x=", null, null, true))))),
                new Case("webhook-inbound-location.json", List.of(ana("SU5MT0NBVElPTjEA", InboundContent.location(
                        new InboundContent.Location(51.5072178, -0.1275862, "Pickup point",
                                "1 Example Street, London", "https://example.org/pickup"))))),
                new Case("webhook-inbound-contacts.json", List.of(ana("SU5DT05UQUNUUzEA", InboundContent.contacts(List.of(
                        new ContactCard(new ContactCard.Name("Bea Lima", "Bea", "Lima"),
                                List.of(new ContactCard.Phone("+44 7911 654321", "CELL", "447911654321")),
                                List.of(new ContactCard.Email("bea@example.org", "WORK")),
                                new ContactCard.Org("Example Ltd", "Support", "Lead"),
                                List.of(new ContactCard.Url("https://example.org", "WORK")),
                                List.of(new ContactCard.Address("1 Example Street", "London", null, "SW1A 1AA",
                                        "United Kingdom", "GB", "WORK")),
                                "1990-04-01")))))),
                // a template quick-reply tap answers the template message
                new Case("webhook-inbound-button.json", List.of(new Inbound(W + "SU5CVVRUT04wMDEA", BUSINESS, ANA, AT,
                        InboundContent.reply("button", new Reply("CONFIRM_DELIVERY", "Yes, deliver", null)), OURS))),
                new Case("webhook-inbound-button-reply.json", List.of(new Inbound(W + "SU5CVE5SRVBMWTEA", BUSINESS, ANA,
                        AT, InboundContent.reply("reply", new Reply("reschedule", "Change time", null)), OURS))),
                new Case("webhook-inbound-list-reply.json", List.of(new Inbound(W + "SU5MSVNUUkVQTFkA", BUSINESS, ANA,
                        AT, InboundContent.reply("reply", new Reply("slot_am", "Morning", "8am to 12pm")), OURS))),
                // a finished flow: id is the flow_token we set, description the raw answers
                new Case("webhook-inbound-nfm-reply.json", List.of(new Inbound(W + "SU5GTE9XUkVQTFkA", BUSINESS, ANA,
                        AT, InboundContent.reply("reply", new Reply("survey-7f3a", "Sent",
                                "{\"flow_token\":\"survey-7f3a\",\"rating\":\"5\",\"comment\":\"Quick delivery\"}")),
                        OURS))),
                new Case("webhook-inbound-reaction.json", List.of(new Inbound(W + "SU5SRUFDVElPTjEA", BUSINESS, ANA, AT,
                        InboundContent.reaction(new InboundContent.Reaction(OURS, "\uD83D\uDC4D")), OURS))),
                new Case("webhook-inbound-reaction-removed.json", List.of(new Inbound(W + "SU5SRUFDVElPTjIA", BUSINESS,
                        ANA, AT, InboundContent.reaction(new InboundContent.Reaction(OURS, null)), OURS))),
                new Case("webhook-inbound-order.json", List.of(ana("SU5PUkRFUjAwMDEA", InboundContent.order(
                        new InboundContent.Order("3141592653589793", "For Friday please", List.of(
                                new InboundContent.OrderItem("SKU-RED-M", 2, 19.5, "GBP"),
                                new InboundContent.OrderItem("SKU-BLUE-L", 1, 24.0, "GBP"))))))),
                new Case("webhook-inbound-unsupported.json", List.of(ana("SU5VTlNVUFBPUlQA", InboundContent.unsupported(
                        new MessageError(ErrorCategory.UNSUPPORTED_CONTENT, "131051", "Message type unknown",
                                "Message type is currently not supported.", false))))),
                new Case("webhook-inbound-unknown-type.json", List.of(ana("SU5XRUxDT01FMDEA", InboundContent.unsupported(
                        new MessageError(ErrorCategory.UNSUPPORTED_CONTENT, "unsupported-inbound",
                                catalogue.lookup("unsupported-inbound").title(),
                                "WhatsApp delivered a message type 'request_welcome', which the gateway does not read.",
                                false))))),
                new Case("webhook-inbound-forwarded.json", List.of(ana("SU5GT1JXQVJERUQA",
                        InboundContent.text("Look at this offer").withContext(null, true, null)))),
                new Case("webhook-inbound-referral.json", List.of(ana("SU5SRUZFUlJBTDEA",
                        InboundContent.text("I saw your ad").withContext(null, null, referral())))),
                // a user with a username: no phone number, only the business-scoped user id
                new Case("webhook-inbound-bsuid.json", List.of(new Inbound(W + "SU5CU1VJRDAwMDEA", BUSINESS,
                        new ContactRef(null, null, "GB.30481632641282565122", "Cara", "Qm9vUXpGZ1g="), AT,
                        InboundContent.text("Hello from a username"), null))),
                new Case("webhook-inbound-group.json", List.of()),
                new Case("webhook-system-user-changed-number.json", List.of(new ContactChange(
                        ContactChange.Kind.NUMBER_CHANGED, BUSINESS, contact("447911123456", null), "447911987654", null,
                        null, AT, "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgKU1lTTlVNQkVSMQA="))),
                new Case("webhook-system-customer-changed-number.json", List.of(new ContactChange(
                        ContactChange.Kind.NUMBER_CHANGED, BUSINESS, contact("447911123456", null), "447911987654", null,
                        null, AT, "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgKU1lTTlVNQkVSMgA="))),
                new Case("webhook-system-customer-identity-changed.json", List.of(new ContactChange(
                        ContactChange.Kind.IDENTITY_CHANGED, BUSINESS, contact("447911123456", null), null, null,
                        "TmV3SGFzaDE=", AT, "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgKU1lTSURFTlRJVFkA"))),
                new Case("webhook-system-user-identity-changed.json", List.of(new ContactChange(
                        ContactChange.Kind.IDENTITY_CHANGED, BUSINESS, contact("447911123456", null), null, null, null,
                        AT, "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgKU1lTSURFTlRJVFkyAA=="))),
                new Case("webhook-system-user-changed-user-id.json", List.of(new ContactChange(
                        ContactChange.Kind.USER_ID_CHANGED, BUSINESS, contact("447911123456", "GB.30481632641282565122"),
                        null, "GB.40481632641282565133", null, AT, "wamid.HBgMNDQ3OTExMTIzNDU2FQIAEhgKU1lTVVNFUklEMQA="))),
                new Case("webhook-system-unknown-type.json", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesInboundWebhook(Case c) {
        assertThat(parser.parse(Fixtures.metaBytes(c.fixture()))).containsExactlyElementsOf(c.expected());
    }

    @Test
    void aNumberLibphonenumberRefusesKeepsItsWaIdButNoPhone() {
        String body = """
                {"entry":[{"changes":[{"field":"messages","value":{
                  "metadata":{"phone_number_id":"104200000000117"},
                  "contacts":[{"profile":{"name":"Kerry"},"wa_id":"5678"}],
                  "messages":[{"from":"5678","id":"external_id","timestamp":"1454119029","type":"text",
                               "text":{"body":"Hello World"}}]}}]}]}
                """;
        assertThat(parser.parse(body.getBytes())).containsExactly(new Inbound("external_id", BUSINESS,
                new ContactRef(null, "5678", null, "Kerry", null), Instant.ofEpochSecond(1454119029L),
                InboundContent.text("Hello World"), null));
    }

    @Test
    void eachMessageOfABatchFindsItsOwnContact() {
        String body = """
                {"entry":[{"changes":[{"field":"messages","value":{
                  "metadata":{"phone_number_id":"104200000000117"},
                  "contacts":[{"profile":{"name":"Ana Souza"},"wa_id":"447911123456"},
                              {"profile":{"name":"Dan"},"wa_id":"16505551234"}],
                  "messages":[{"from":"16505551234","id":"wamid.B1","timestamp":"1767276000","type":"text",
                               "text":{"body":"one"}},
                              {"from":"447911123456","id":"wamid.B2","timestamp":"1767276000","type":"text",
                               "text":{"body":"two"}},
                              {"id":"wamid.NO-FROM","timestamp":"1767276000","type":"text"},
                              {"from":"447911123456","timestamp":"1767276000","type":"text","text":{"body":"no id"}}]}}]}]}
                """;
        assertThat(parser.parse(body.getBytes())).containsExactly(
                new Inbound("wamid.B1", BUSINESS, new ContactRef("+16505551234", "16505551234", null, "Dan", null), AT,
                        InboundContent.text("one"), null),
                new Inbound("wamid.B2", BUSINESS, ANA, AT, InboundContent.text("two"), null),
                // no sender at all: still delivered, the pipeline decides what an anonymous message is worth
                new Inbound("wamid.NO-FROM", BUSINESS, new ContactRef(null, null, null, null, null), AT,
                        new InboundContent("text", null, null, null, null, null, null, null, null, null, null, null),
                        null));
    }

    private static Inbound ana(String idSuffix, InboundContent content) {
        return new Inbound(W + idSuffix, BUSINESS, ANA, AT, content, null);
    }

    private static ContactRef contact(String waId, String userId) {
        return new ContactRef("+" + waId, waId, userId, null, null);
    }

    private static Map<String, Object> referral() {
        Map<String, Object> referral = new LinkedHashMap<>();
        referral.put("sourceUrl", "https://fb.me/example-ad");
        referral.put("sourceId", "120200000000001");
        referral.put("sourceType", "ad");
        referral.put("body", "Spring sale");
        referral.put("headline", "20% off");
        referral.put("mediaType", "image");
        referral.put("imageUrl", "https://example.org/ad.jpg");
        referral.put("ctwaClid", "ARAkLkA8rmlFeiCktEJQ");
        referral.put("welcomeMessage", Map.of("text", "Hi! How can we help?"));
        return referral;
    }
}
