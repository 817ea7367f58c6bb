package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What users send, from a Meta webhook to {@code message.inbound} events: deduplicated, media behind the gateway's
 * own URL, replies linked to our message, and a number change as a {@code contact.identity_changed} event.
 */
class InboundTest extends E2eTestBase {

    static String inbound(String wamid, String from, String messageFields) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"300000000000003","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550002222","phone_number_id":"200000000000002"},
                  "contacts":[{"profile":{"name":"Ada Lovelace"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"%d",%s}]}}]}]}"""
                .formatted(from, from, wamid, Instant.now().getEpochSecond(), messageFields);
    }

    @Test
    void aTextBecomesOneInboundEventForTheSendersAppEvenWhenRepeated() {
        String wamid = "wamid.IN-TEXT-" + System.nanoTime();
        String body = inbound(wamid, "447911123471", "\"type\":\"text\",\"text\":{\"body\":\"Where is my order?\"}");
        webhook(body);
        webhook(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> inboundEvents(wamid).size() == 1);
        sleep(500);
        List<JsonNode> received = inboundEvents(wamid);
        assertThat(received).hasSize(1);
        JsonNode event = received.get(0);
        assertThat(event.get("app").asText()).isEqualTo("shop");
        assertThat(event.get("sender").asText()).isEqualTo("acme");
        assertThat(event.get("connector").asText()).isEqualTo("meta-test");
        assertThat(event.get("contact").get("phone").asText()).isEqualTo("+447911123471");
        assertThat(event.get("contact").get("waId").asText()).isEqualTo("447911123471");
        assertThat(event.get("contact").get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(event.get("inbound").get("type").asText()).isEqualTo("text");
        assertThat(event.get("inbound").get("text").asText()).isEqualTo("Where is my order?");
        assertThat(event.get("inbound").get("providerMessageId").asText()).isEqualTo(wamid);
        // the sender has mark-read on: once stored, the message is marked read at Meta, once
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> meta.verify(1,
                postRequestedFor(urlEqualTo("/v25.0/200000000000002/messages"))
                        .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                                + "\"message_id\":\"" + wamid + "\"}"))));
    }

    @Test
    void aSignedWebhookOverTheSizeLimitIsRefusedWith413AndChangesNothing() {
        String wamid = "wamid.IN-BIG-" + System.nanoTime();
        // well-formed and correctly signed, but past the 4 MB the gateway takes from a provider
        String body = inbound(wamid, "447911123477",
                "\"type\":\"text\",\"text\":{\"body\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}");

        assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(413);
        sleep(500);
        assertThat(inboundEvents(wamid)).isEmpty();
    }

    @Test
    void mediaIsFetchedThroughTheGatewayWithTheAppsOwnKey() throws Exception {
        meta.stubFor(get(urlEqualTo("/v25.0/900000000000001"))
                .withHeader("Authorization", equalTo("Bearer test-access-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"url":"%s/media-download/photo-1","mime_type":"image/jpeg","sha256":"abc",
                         "file_size":5,"id":"900000000000001","messaging_product":"whatsapp"}"""
                        .formatted(meta.baseUrl()))));
        meta.stubFor(get(urlEqualTo("/media-download/photo-1"))
                .withHeader("Authorization", equalTo("Bearer test-access-token"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(new byte[] {1, 2, 3, 4, 5})));
        String wamid = "wamid.IN-IMAGE-" + System.nanoTime();
        webhook(inbound(wamid, "447911123472", """
                "type":"image","image":{"caption":"the parcel","mime_type":"image/jpeg","sha256":"abc",
                "id":"900000000000001"}"""));

        await().atMost(Duration.ofSeconds(10)).until(() -> inboundEvents(wamid).size() == 1);
        JsonNode media = inboundEvents(wamid).get(0).get("inbound").get("media");
        assertThat(media.get("caption").asText()).isEqualTo("the parcel");
        assertThat(media.has("providerRef")).isFalse();
        String url = media.get("url").asText();
        assertThat(url).contains("/v1/media/").doesNotContain("900000000000001");
        String path = URI.create(url).getPath();

        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + path)).header("Authorization", "Bearer shop-key").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).containsExactly(1, 2, 3, 4, 5);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(gateway.get("other-key", path).status()).isEqualTo(404);
    }

    @Test
    void mediaTheProviderNoLongerHasIs404() throws Exception {
        meta.stubFor(get(urlEqualTo("/v25.0/900000000000002")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100,
                         "error_subcode":33,"fbtrace_id":"Ax"}}""")));
        String wamid = "wamid.IN-OLD-" + System.nanoTime();
        webhook(inbound(wamid, "447911123476", """
                "type":"document","document":{"filename":"old.pdf","mime_type":"application/pdf",
                "sha256":"def","id":"900000000000002"}"""));

        await().atMost(Duration.ofSeconds(10)).until(() -> inboundEvents(wamid).size() == 1);
        String path = URI.create(inboundEvents(wamid).get(0).get("inbound").get("media").get("url").asText()).getPath();
        GatewayClient.Reply reply = gateway.get("shop-key", path);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("type").asText()).endsWith("/media-expired");
    }

    @Test
    void aButtonTapIsLinkedToOurMessage() {
        String id = gateway.send("shop-key", GatewayFlowTest.text("+447911123473", "Pick one")).json().get("id")
                .asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.get("shop-key", "/v1/messages/" + id).json()
                .get("status").asText().equals("SUBMITTED"));
        String wamid = "wamid.IN-REPLY-" + System.nanoTime();
        webhook(inbound(wamid, "447911123473", """
                "context":{"from":"15550002222","id":"wamid.T-%s"},"type":"interactive",
                "interactive":{"type":"button_reply","button_reply":{"id":"yes-please","title":"Yes"}}"""
                .formatted(id)));

        await().atMost(Duration.ofSeconds(10)).until(() -> inboundEvents(wamid).size() == 1);
        JsonNode inbound = inboundEvents(wamid).get(0).get("inbound");
        assertThat(inbound.get("type").asText()).isEqualTo("reply");
        assertThat(inbound.get("reply").get("id").asText()).isEqualTo("yes-please");
        assertThat(inbound.get("reply").get("title").asText()).isEqualTo("Yes");
        assertThat(inbound.get("replyTo").asText()).isEqualTo(id);
        assertThat(inbound.get("replyToProviderMessageId").asText()).isEqualTo("wamid.T-" + id);
    }

    @Test
    void aNumberChangeIsAnIdentityEvent() {
        webhook(inbound("wamid.IN-FIRST-" + System.nanoTime(), "447911123474",
                "\"type\":\"text\",\"text\":{\"body\":\"hello\"}"));
        String change = """
                {"object":"whatsapp_business_account","entry":[{"id":"300000000000003","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550002222","phone_number_id":"200000000000002"},
                  "messages":[{"from":"447911123474","id":"wamid.SYS-%d","timestamp":"%d","type":"system",
                   "system":{"body":"User A changed from 447911123474 to 447911123475","wa_id":"447911123475",
                             "type":"user_changed_number"}}]}}]}]}"""
                .formatted(System.nanoTime(), Instant.now().getEpochSecond());
        webhook(change);

        await().atMost(Duration.ofSeconds(10)).until(() -> identityEvents("447911123475").size() == 1);
        JsonNode identity = identityEvents("447911123475").get(0).get("identity");
        assertThat(identity.get("reason").asText()).isEqualTo("NUMBER_CHANGED");
        assertThat(identity.get("previousWaId").asText()).isEqualTo("447911123474");
        assertThat(identity.get("waId").asText()).isEqualTo("447911123475");
    }

    private List<JsonNode> inboundEvents(String wamid) {
        return events.all().stream().map(EventCollector.Received::event)
                .filter(e -> "message.inbound".equals(e.get("type").asText()))
                .filter(e -> wamid.equals(e.path("inbound").path("providerMessageId").asText())).toList();
    }

    private List<JsonNode> identityEvents(String waId) {
        return events.all().stream().map(EventCollector.Received::event)
                .filter(e -> "contact.identity_changed".equals(e.get("type").asText()))
                .filter(e -> waId.equals(e.path("identity").path("waId").asText())).toList();
    }

    private void webhook(String body) {
        assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
