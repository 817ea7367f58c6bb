package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wagateway.pipeline.QueueWaits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The walking skeleton end to end: an app sends a text, it goes through the ledger and the queue to a WireMock
 * "Meta", and Meta-shaped webhooks bring its statuses back, out of order and repeated.
 */
class GatewayFlowTest extends E2eTestBase {

    @Autowired
    QueueWaits queueWaits;

    static String text(String to, String body) {
        return """
                {"from":"acme","to":"%s","clientReference":"order-4711","content":{"type":"text","body":"%s"}}"""
                .formatted(to, body);
    }

    @Test
    void textReachesMetaExactlyAndReceiptsOnlyMoveForward() {
        GatewayClient.Reply accepted = gateway.send("shop-key", text("+44 7911 123456", "Hello"));

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("to").asText()).isEqualTo("+447911123456");
        assertThat(accepted.json().get("connector").asText()).isEqualTo("meta-test");
        assertThat(accepted.json().get("clientReference").asText()).isEqualTo("order-4711");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        meta.verify(1, postRequestedFor(urlEqualTo("/v25.0/200000000000002/messages"))
                .withHeader("Authorization", equalTo("Bearer test-access-token"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"+447911123456",
                         "type":"text","text":{"body":"Hello","preview_url":false},
                         "biz_opaque_callback_data":"%s"}""".formatted(id))));

        String wamid = "wamid.T-" + id;
        long t = Instant.now().getEpochSecond();
        // read first, then the older receipts, then read again: by provider id only (no callback data)
        webhook(MetaStub.statusWebhook(wamid, "read", t + 3, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("READ"));
        webhook(MetaStub.statusWebhook(wamid, "sent", t + 1, id));
        webhook(MetaStub.statusWebhook(wamid, "delivered", t + 2, null));
        webhook(MetaStub.statusWebhook(wamid, "read", t + 3, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> history(id).size() == 5);
        JsonNode message = gateway.get("shop-key", "/v1/messages/" + id).json();
        assertThat(message.get("status").asText()).isEqualTo("READ");
        assertThat(message.get("final").asBoolean()).isTrue();
        assertThat(message.get("providerMessageId").asText()).isEqualTo(wamid);
        assertThat(message.get("content").get("body").asText()).isEqualTo("Hello");
        // the 202 told the time the ledger keeps, to the microsecond
        assertThat(Instant.parse(message.get("acceptedAt").asText()))
                .isEqualTo(Instant.parse(accepted.json().get("acceptedAt").asText()));
        assertThat(statuses(message.get("history")))
                .containsExactly("ACCEPTED", "SUBMITTED", "SENT", "DELIVERED", "READ");

        await().atMost(Duration.ofSeconds(5)).until(() -> events.forMessage(id).size() == 2);
        List<EventCollector.Received> published = events.forMessage(id);
        assertThat(published).extracting(EventCollector.Received::status).containsExactly("SUBMITTED", "READ");
        EventCollector.Received read = published.get(1);
        assertThat(read.type()).isEqualTo("message.status");
        assertThat(read.app()).isEqualTo("shop");
        assertThat(read.sender()).isEqualTo("acme");
        JsonNode event = read.event();
        assertThat(event.get("id").asText()).isNotBlank();
        assertThat(event.get("occurredAt").asText()).isEqualTo(Instant.ofEpochSecond(t + 3).toString());
        assertThat(event.get("connector").asText()).isEqualTo("meta-test");
        assertThat(event.get("contact").get("phone").asText()).isEqualTo("+447911123456");
        assertThat(event.get("contact").get("waId").asText()).isEqualTo("447911123456");
        assertThat(event.get("message").get("clientReference").asText()).isEqualTo("order-4711");
        assertThat(event.get("message").get("final").asBoolean()).isTrue();
        assertThat(event.get("message").has("error")).isTrue();
        assertThat(event.get("message").get("error").isNull()).isTrue();
    }

    @Test
    void severalReceiptsOfOneMessageInOneWebhookEachLandOnceAndLaterEventsKeepThePricing() {
        String id = gateway.send("shop-key", text("+447911123431", "Batched")).json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        String wamid = "wamid.T-" + id;
        long t = Instant.now().getEpochSecond();
        String pricing = ",\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"utility\","
                + "\"type\":\"regular\"}";
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"300000000000003","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550002222","phone_number_id":"200000000000002"},
                  "statuses":[
                   {"id":"%1$s","status":"sent","timestamp":"%2$d","recipient_id":"447911123431"%3$s},
                   {"id":"%1$s","status":"delivered","timestamp":"%4$d","recipient_id":"447911123431"%3$s},
                   {"id":"%1$s","status":"delivered","timestamp":"%4$d","recipient_id":"447911123431"%3$s},
                   {"id":"%1$s","status":"read","timestamp":"%5$d","recipient_id":"447911123431"}]}}]}]}"""
                .formatted(wamid, t + 1, pricing, t + 2, t + 3);
        webhook(body);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.forMessage(id).size() == 4);
        List<EventCollector.Received> published = events.forMessage(id);
        assertThat(published).extracting(EventCollector.Received::status)
                .containsExactly("SUBMITTED", "SENT", "DELIVERED", "READ");
        for (EventCollector.Received receipt : published.subList(1, 4)) {
            JsonNode message = receipt.event().get("message");
            assertThat(message.get("providerMessageId").asText()).isEqualTo(wamid);
            assertThat(message.get("pricing").get("model").asText()).as(receipt.status()).isEqualTo("PMP");
        }
        assertThat(statuses(history(id))).containsExactly("ACCEPTED", "SUBMITTED", "SENT", "DELIVERED", "READ");
        assertThat(gateway.get("shop-key", "/v1/messages/" + id).json().get("pricing").get("category").asText())
                .isEqualTo("utility");
    }

    @Test
    void failedReceiptCarriesTheCatalogueCategory() {
        String id = gateway.send("shop-key", text("+447911123424", "Late")).json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        String failed = MetaStub.statusWebhook("wamid.T-" + id, "failed", Instant.now().getEpochSecond(), id)
                .replace("\"recipient_id\":\"447911123456\"", """
                        "recipient_id":"447911123424","errors":[{"code":131047,"title":"Re-engagement message",
                        "message":"Re-engagement message","error_data":{"details":"More than 24 hours"}}]""");
        webhook(failed);

        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("FAILED"));
        JsonNode error = gateway.get("shop-key", "/v1/messages/" + id).json().get("error");
        assertThat(error.get("category").asText()).isEqualTo("OUTSIDE_SERVICE_WINDOW");
        assertThat(error.get("code").asText()).isEqualTo("131047");
        assertThat(error.get("retryable").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.forMessage(id).stream()
                .anyMatch(e -> "FAILED".equals(e.status())));
    }

    @Test
    void wrongOrMissingKeyIs401AndNothingIsSent() {
        GatewayClient.Reply wrong = gateway.send("not-a-key", text("+447911123456", "no-key"));
        GatewayClient.Reply missing = gateway.send(null, text("+447911123456", "no-key"));

        for (GatewayClient.Reply reply : List.of(wrong, missing)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("status").asInt()).isEqualTo(401);
            assertThat(reply.json().get("type").asText()).endsWith("/unauthorized");
        }
        assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertNothingSent("no-key");
    }

    @Test
    void badNumberIs400ProblemNamingTheField() {
        GatewayClient.Reply reply = gateway.send("shop-key", text("+1555", "bad-number"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertNothingSent("bad-number");
    }

    @Test
    void senderOfAnotherAppIs403() {
        GatewayClient.Reply reply = gateway.send("other-key", text("+447911123456", "other-sender"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("detail").asText()).contains("acme");
        assertNothingSent("other-sender");
    }

    @Test
    void contentTheConnectorCannotSendYetIs422NamingIt() {
        // CM.com documents no way to send a reaction
        GatewayClient.Reply reply = gateway.send("shop-key", """
                {"from":"acme-cm","to":"+447911123456",
                 "content":{"type":"reaction","messageId":"wamid.REACT-ME","emoji":"👍"}}""");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("detail").asText()).contains("'reaction'").contains("cm-test");
        assertNothingSent("REACT-ME");
    }

    @Test
    void wrongContentTypeIs415() {
        GatewayClient.Reply reply = gateway.raw(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(gateway.baseUrl() + "/v1/messages"))
                .header("Authorization", "Bearer shop-key").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(text("+447911123456", "wrong-type"))).build());

        assertThat(reply.status()).isEqualTo(415);
        assertNothingSent("wrong-type");
    }

    @Test
    void idempotencyKeyReturnsTheFirstMessageAndSendsOnce() {
        Map<String, String> key = Map.of("Idempotency-Key", "k-" + System.nanoTime());
        GatewayClient.Reply first = gateway.send("shop-key", text("+447911123425", "Once"), key);
        GatewayClient.Reply again = gateway.send("shop-key", text("+447911123425", "Once"), key);
        GatewayClient.Reply changed = gateway.send("shop-key", text("+447911123425", "Twice"), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(changed.status()).isEqualTo(422);
        String id = first.json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        meta.verify(1, postRequestedFor(urlPathMatching(".*/messages")).withRequestBody(containing(id)));
        assertNothingSent("Twice");
    }

    @Test
    void requestsRacingWithOneIdempotencyKeyStoreOneMessageAndAllGetItsId() throws Exception {
        // they pass the first lookup together, so their key inserts meet in the ledger: one wins, the rest replay it
        Map<String, String> key = Map.of("Idempotency-Key", "race-" + System.nanoTime());
        String body = text("+447911123597", "Raced");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<GatewayClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return gateway.send("shop-key", body, key);
            }));
        }
        start.countDown();
        List<GatewayClient.Reply> answers = new ArrayList<>();
        for (Future<GatewayClient.Reply> reply : replies) {
            answers.add(reply.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(answers).extracting(GatewayClient.Reply::status).containsOnly(202, 200).containsOnlyOnce(202);
        Set<String> ids = new HashSet<>();
        answers.forEach(answer -> ids.add(answer.json().get("id").asText()));
        assertThat(ids).hasSize(1);
        String id = ids.iterator().next();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        meta.verify(1, postRequestedFor(urlPathMatching(".*/messages")).withRequestBody(containing("Raced")));
    }

    @Test
    void anAppOverItsOwnRateGets429WithRetryAfterAndNothingStored() {
        String limited = "{\"from\":\"acme-limited\",\"to\":\"+447911123428\",\"content\":{\"type\":\"text\","
                + "\"body\":\"%s\"}}";
        GatewayClient.Reply first = gateway.send("limited-key", limited.formatted("limited-1"));
        GatewayClient.Reply second = gateway.send("limited-key", limited.formatted("limited-2"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.raw().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(gateway.send("shop-key", text("+447911123428", "other app unaffected")).status()).isEqualTo(202);
        assertNothingSent("limited-2");
    }

    @Test
    void aSenderWithItsQueueFullGets429WithRetryAfterWhileItsReplaysAndOtherSendersGoOn() {
        String queued = "{\"from\":\"acme-queue\",\"to\":\"+447911123440\",\"content\":{\"type\":\"text\","
                + "\"body\":\"%s\"}}";
        long start = System.nanoTime();
        GatewayClient.Reply first = gateway.send("shop-key", queued.formatted("queue-0"),
                Map.of("Idempotency-Key", "q0"));
        List<GatewayClient.Reply> replies = new ArrayList<>(List.of(first));
        while (replies.get(replies.size() - 1).status() == 202 && replies.size() < 10) {
            replies.add(gateway.send("shop-key", queued.formatted("queue-" + replies.size())));
        }
        long refilled = (System.nanoTime() - start) / 1_000_000_000L + 1;

        // two seconds at one a second, plus what refilled while the requests ran (a slow machine refills one)
        int accepted = replies.size() - 1;
        assertThat(accepted).isBetween(2, 2 + (int) refilled);
        GatewayClient.Reply refused = replies.get(accepted);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("sender-queue-full");
        assertThat(refused.json().get("detail").asText()).contains("'acme-queue'", "2s", "(1/s)");
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
        assertNothingSent("queue-" + accepted);

        GatewayClient.Reply replay = gateway.send("shop-key", queued.formatted("queue-0"),
                Map.of("Idempotency-Key", "q0"));
        assertThat(replay.status()).as("a replay adds nothing to the queue").isEqualTo(200);
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(gateway.send("shop-key", text("+447911123440", "other sender unaffected")).status())
                .isEqualTo(202);
    }

    @Test
    void aSenderWhoseMessagesWaitLongerThanItsQueueLimitGets429UntilTheWaitIsBackUnderIt() {
        String waiting = "{\"from\":\"acme-wait\",\"to\":\"+447911123441\",\"content\":{\"type\":\"text\","
                + "\"body\":\"%s\"}}";
        queueWaits.dispatched("acme-wait", Duration.ofMillis(5_300)); // as dispatch would see a slow provider

        GatewayClient.Reply refused = gateway.send("shop-key", waiting.formatted("wait-1"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asText()).endsWith("sender-queue-full");
        assertThat(refused.json().get("detail").asText()).contains("'acme-wait'", "waiting 5.3s", "queue-limit of 2s");
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("4");
        assertNothingSent("wait-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> queueWaits.recentWait("acme-wait").isEmpty());
        assertThat(gateway.send("shop-key", waiting.formatted("wait-2")).status()).isEqualTo(202);
    }

    @Test
    void dispatchTellsHowLongMessagesWaited() {
        String id = gateway.send("shop-key", text("+447911123442", "Timed")).json().get("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> queueWaits.recentWait("acme").isPresent());
        assertThat(queueWaits.recentWait("acme").orElseThrow()).isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
    }

    @Test
    void anotherAppsMessageIs404() {
        String id = gateway.send("shop-key", text("+447911123426", "Mine")).json().get("id").asText();

        assertThat(gateway.get("other-key", "/v1/messages/" + id).status()).isEqualTo(404);
        assertThat(gateway.get("shop-key", "/v1/messages/" + id).status()).isEqualTo(200);
    }

    @Test
    void badlySignedWebhooksAreRefusedAndChangeNothing() {
        String id = gateway.send("shop-key", text("+447911123427", "Hi")).json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        String body = MetaStub.statusWebhook("wamid.T-" + id, "read", Instant.now().getEpochSecond(), id);

        assertThat(gateway.webhook("meta-test", body, null).status()).isEqualTo(401);
        assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body + " ")).status()).isEqualTo(403);
        assertThat(gateway.webhook("meta-test", body.replace("read", "sent"), MetaStub.sign(body)).status())
                .isEqualTo(403);
        assertThat(gateway.webhook("no-such-connector", body, MetaStub.sign(body)).status()).isEqualTo(404);

        // a good one afterwards still works, so the refused ones were not just slow
        assertThat(status(id)).isEqualTo("SUBMITTED");
        assertThat(history(id)).hasSize(2);
        assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("READ"));
    }

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        GatewayClient.Reply good = gateway.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                gateway.baseUrl() + "/webhooks/meta-test?hub.mode=subscribe&hub.challenge=1158201444"
                        + "&hub.verify_token=test-verify-token")).GET().build());
        GatewayClient.Reply bad = gateway.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                gateway.baseUrl() + "/webhooks/meta-test?hub.mode=subscribe&hub.challenge=1158201444"
                        + "&hub.verify_token=guess")).GET().build());

        assertThat(good.status()).isEqualTo(200);
        assertThat(good.text()).isEqualTo("1158201444");
        assertThat(bad.status()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentIsServed() {
        GatewayClient.Reply reply = gateway.raw(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.baseUrl() + "/openapi.yaml")).GET().build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).contains("/v1/messages/{id}").contains("Idempotency-Key");
    }

    private void webhook(String body) {
        assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(200);
    }

    private String status(String id) {
        return gateway.get("shop-key", "/v1/messages/" + id).json().get("status").asText();
    }

    private JsonNode history(String id) {
        return gateway.get("shop-key", "/v1/messages/" + id).json().get("history");
    }

    private static List<String> statuses(JsonNode history) {
        List<String> statuses = new ArrayList<>();
        history.forEach(h -> statuses.add(h.get("status").asText()));
        return statuses;
    }

    /** Other tests' messages may still be in flight, so look for this test's own text only. */
    private void assertNothingSent(String text) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        meta.verify(0, postRequestedFor(urlPathMatching(".*/messages")).withRequestBody(containing(text)));
    }
}
