package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.wagateway.callback.CallbackSender;
import jakarta.jms.ConnectionFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event side for apps and reporting: signed, retried callbacks; durable subscriptions; identity changes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("events")
class EventsTest {

    static final WireMockServer meta = MetaStub.start();
    static final WireMockServer apps = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    static final int BROKER_PORT = freePort();

    static {
        apps.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gateway.connectors.meta-test.base-url", meta::baseUrl);
        registry.add("gateway.apps.shop.callback.url", () -> apps.baseUrl() + "/shop/events");
        registry.add("gateway.apps.other.callback.url", () -> apps.baseUrl() + "/other/events");
        registry.add("gateway.broker.port", () -> BROKER_PORT);
        registry.add("gateway.data-dir", Files.createTempDirectory("gw-events")::toString);
    }

    @AfterAll
    static void stopServers() {
        meta.stop();
        apps.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    ConnectionFactory connectionFactory;

    GatewayClient gateway;
    EventCollector events;
    final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        gateway = new GatewayClient(port);
        events = new EventCollector(connectionFactory);
        apps.resetAll();
        apps.stubFor(post(urlEqualTo("/shop/events")).willReturn(aResponse().withStatus(200)));
        apps.stubFor(post(urlEqualTo("/other/events")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void tearDown() throws Exception {
        events.close();
        assertThat(events.schemaViolations()).isEmpty();
    }

    @Test
    void callbacksAreSignedRetriedUntil2xxAndReachOnlyTheirApp() throws Exception {
        apps.stubFor(post(urlEqualTo("/shop/events")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        apps.stubFor(post(urlEqualTo("/shop/events")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));

        String id = send("shop-key", "acme", "+447911123461", "ref-cb");

        await().atMost(Duration.ofSeconds(15)).until(() -> callbacksFor("/shop/events", id).size() >= 2);
        List<LoggedRequest> attempts = callbacksFor("/shop/events", id);
        assertThat(attempts.get(0).getBodyAsString()).isEqualTo(attempts.get(1).getBodyAsString());
        for (LoggedRequest attempt : attempts) {
            assertThat(attempt.getHeader(CallbackSender.SIGNATURE_HEADER)).isEqualTo("sha256=" + CallbackSender
                    .sign("shop-callback-secret", attempt.getBodyAsString().getBytes(StandardCharsets.UTF_8)));
            JsonNode event = mapper.readTree(attempt.getBodyAsString());
            assertThat(event.get("app").asText()).isEqualTo("shop");
            assertThat(EventSchema.violations(event)).isEmpty();
        }
        assertThat(callbacksFor("/other/events", id)).isEmpty();
    }

    @Test
    void callbacksForOneContactArriveInOrder() throws Exception {
        String id = send("shop-key", "acme", "+447911123462", "ref-order");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        String wamid = "wamid.T-" + id;
        long t = Instant.now().getEpochSecond();
        webhook(MetaStub.statusWebhook(wamid, "sent", t, id).replace("447911123456", "447911123462"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SENT"));
        webhook(MetaStub.statusWebhook(wamid, "delivered", t + 1, id).replace("447911123456", "447911123462"));

        await().atMost(Duration.ofSeconds(10)).until(() -> callbacksFor("/shop/events", id).size() == 3);
        List<String> statuses = callbacksFor("/shop/events", id).stream()
                .map(r -> read(r.getBodyAsString()).get("message").get("status").asText()).toList();
        assertThat(statuses).containsExactly("SUBMITTED", "SENT", "DELIVERED");
    }

    @Test
    void aDurableSubscriptionKeepsEventsWhileItsConsumerIsAway() throws Exception {
        String id = send("other-key", "beta", "+447911123463", "ref-durable");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id, "other-key").equals("SUBMITTED"));

        try (StompSubscriber reporting = new StompSubscriber(BROKER_PORT, "whatsapp.events::reporting")) {
            List<JsonNode> received = reporting.receive(3000).stream().map(this::read).toList();
            assertThat(received).anySatisfy(event -> {
                assertThat(event.path("message").path("id").asText()).isEqualTo(id);
                assertThat(event.path("message").path("status").asText()).isEqualTo("SUBMITTED");
                assertThat(event.path("app").asText()).isEqualTo("other");
            });
        }
    }

    @Test
    void aChangedIdentityHashIsOneEventAndLaterSendsArePinnedToIt() throws Exception {
        String phone = "+447911123464";
        String first = send("shop-key", "acme", phone, "ref-id-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(first).equals("SUBMITTED"));
        webhook(statusWithHash(first, "delivered", "HASH-A"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(first).equals("DELIVERED"));

        String second = send("shop-key", "acme", phone, "ref-id-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(second).equals("SUBMITTED"));
        meta.verify(1, postRequestedFor(urlPathMatching(".*/messages")).withRequestBody(containing(second))
                .withRequestBody(containing("\"recipient_identity_key_hash\":\"HASH-A\"")));

        String changed = statusWithHash(second, "delivered", "HASH-B");
        webhook(changed);
        webhook(changed);   // the provider repeats itself: still one event
        await().atMost(Duration.ofSeconds(10)).until(() -> status(second).equals("DELIVERED"));
        await().atMost(Duration.ofSeconds(5)).until(() -> identityEvents(phone).size() == 1);
        Thread.sleep(500);
        List<JsonNode> identity = identityEvents(phone);
        assertThat(identity).hasSize(1);
        assertThat(identity.get(0).get("app").asText()).isEqualTo("shop");
        assertThat(identity.get(0).get("identity").get("reason").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(identity.get(0).get("identity").get("previousHash").asText()).isEqualTo("HASH-A");
        assertThat(identity.get(0).get("identity").get("hash").asText()).isEqualTo("HASH-B");

        String third = send("shop-key", "acme", phone, "ref-id-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(third).equals("SUBMITTED"));
        meta.verify(1, postRequestedFor(urlPathMatching(".*/messages")).withRequestBody(containing(third))
                .withRequestBody(containing("\"recipient_identity_key_hash\":\"HASH-B\"")));
    }

    @Test
    void callbackAndStompSubscriberSeeTheSameForwardOnlyEventsForShuffledRepeatedReceipts() throws Exception {
        String id = send("shop-key", "acme", "+447911123467", "ref-same");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        String wamid = "wamid.T-" + id;
        long t = Instant.now().getEpochSecond();
        for (String[] receipt : new String[][] {{"delivered", "2"}, {"sent", "1"}, {"delivered", "2"}, {"read", "3"},
                {"sent", "1"}, {"read", "3"}}) {
            webhook(MetaStub.statusWebhook(wamid, receipt[0], t + Long.parseLong(receipt[1]), null)
                    .replace("447911123456", "447911123467"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("READ"));
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacksFor("/shop/events", id).size() >= 3);
        Thread.sleep(500);

        List<JsonNode> called = callbacksFor("/shop/events", id).stream().map(r -> read(r.getBodyAsString()))
                .toList();
        List<JsonNode> subscribed;
        try (StompSubscriber reporting = new StompSubscriber(BROKER_PORT, "whatsapp.events::reporting")) {
            subscribed = reporting.receive(3000).stream().map(this::read)
                    .filter(e -> id.equals(e.path("message").path("id").asText())).toList();
        }
        // delivered came first, so it moved the message; sent came late and moved nothing; read moved it on
        assertThat(called).extracting(e -> e.get("message").get("status").asText())
                .containsExactly("SUBMITTED", "DELIVERED", "READ");
        assertThat(subscribed).extracting(e -> e.get("id").asText())
                .containsExactlyElementsOf(called.stream().map(e -> e.get("id").asText()).toList());
        JsonNode history = gateway.get("shop-key", "/v1/messages/" + id).json().get("history");
        assertThat(history).hasSize(5);   // ACCEPTED, SUBMITTED and one of each distinct receipt
    }

    @Test
    void theAppListsItsOwnMessagesByClientReference() {
        String a = send("shop-key", "acme", "+447911123465", "batch-7");
        String b = send("shop-key", "acme", "+447911123466", "batch-7");

        JsonNode mine = gateway.get("shop-key", "/v1/messages?clientReference=batch-7").json().get("messages");
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).get("id").asText()).isEqualTo(a);
        assertThat(mine.get(1).get("id").asText()).isEqualTo(b);
        assertThat(mine.get(0).has("history")).isTrue();
        assertThat(gateway.get("other-key", "/v1/messages?clientReference=batch-7").json().get("messages")).isEmpty();
        assertThat(gateway.get("shop-key", "/v1/messages").status()).isEqualTo(400);
    }

    private String statusWithHash(String id, String status, String hash) {
        return MetaStub.statusWebhook("wamid.T-" + id, status, Instant.now().getEpochSecond(), id,
                ",\"recipient_identity_key_hash\":\"" + hash + "\"").replace("447911123456", "447911123464");
    }

    private List<JsonNode> identityEvents(String phone) {
        return events.all().stream().map(EventCollector.Received::event)
                .filter(e -> "contact.identity_changed".equals(e.get("type").asText()))
                .filter(e -> phone.equals(e.path("contact").path("phone").asText())).toList();
    }

    private String send(String key, String from, String to, String reference) {
        GatewayClient.Reply reply = gateway.send(key, """
                {"from":"%s","to":"%s","clientReference":"%s","content":{"type":"text","body":"Hi"}}"""
                .formatted(from, to, reference));
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        return reply.json().get("id").asText();
    }

    private void webhook(String body) {
        assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(200);
    }

    private String status(String id) {
        return status(id, "shop-key");
    }

    private String status(String id, String key) {
        return gateway.get(key, "/v1/messages/" + id).json().get("status").asText();
    }

    private List<LoggedRequest> callbacksFor(String path, String messageId) {
        return apps.findAll(postRequestedFor(urlEqualTo(path)).withRequestBody(containing(messageId)));
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
