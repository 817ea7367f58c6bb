package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Provider faults, played by WireMock per recipient number: each must end in the right state, with retries only
 * for what can succeed later and the breaker sparing a provider that is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("faults")
class FaultsTest {

    static final WireMockServer meta = MetaStub.start();
    static final WireMockServer down = MetaStub.start();
    static final WireMockServer held = MetaStub.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gateway.connectors.meta-test.base-url", meta::baseUrl);
        registry.add("gateway.connectors.meta-down.base-url", down::baseUrl);
        registry.add("gateway.connectors.meta-held.base-url", held::baseUrl);
        registry.add("gateway.data-dir", Files.createTempDirectory("gw-faults")::toString);
    }

    @AfterAll
    static void stopMeta() {
        meta.stop();
        down.stop();
        held.stop();
    }

    @LocalServerPort
    int port;

    GatewayClient gateway() {
        return new GatewayClient(port);
    }

    /** The first {@code failures} sends to {@code to} get {@code fault}, the rest succeed (the default stub). */
    static void failFirst(String to, int failures, ResponseDefinitionBuilder fault) {
        String scenario = "fault-" + to;
        String state = Scenario.STARTED;
        for (int i = 1; i <= failures; i++) {
            meta.stubFor(toRecipient(to).inScenario(scenario).whenScenarioStateIs(state).atPriority(1)
                    .willReturn(fault).willSetStateTo("failed-" + i));
            state = "failed-" + i;
        }
    }

    static MappingBuilder toRecipient(String to) {
        return post(urlPathMatching("/v25.0/[0-9]+/messages")).withRequestBody(containing("\"to\":\"" + to + "\""));
    }

    static String graphError(int code, String title) {
        return "{\"error\":{\"message\":\"(#" + code + ") " + title + "\",\"type\":\"OAuthException\",\"code\":"
                + code + ",\"fbtrace_id\":\"Fz\"}}";
    }

    @Test
    void serverErrorsAreRetriedUntilTheProviderTakesTheMessage() {
        failFirst("+447911123501", 2, aResponse().withStatus(500));
        String id = send("acme", "+447911123501");

        JsonNode message = awaitStatus(id, "SUBMITTED");
        assertThat(calls(meta, "+447911123501")).isEqualTo(3);
        assertThat(message.get("providerMessageId").asText()).isEqualTo("wamid.T-" + id);
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        failFirst("+447911123502", 1, aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json").withBody(graphError(130429, "Rate limit hit")));
        long start = System.currentTimeMillis();
        String id = send("acme", "+447911123502");

        awaitStatus(id, "SUBMITTED");
        List<Long> at = callTimes(meta, "+447911123502");
        assertThat(at).hasSize(2);
        assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(1000);
        assertThat(System.currentTimeMillis() - start).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void connectionResetsAndTimeoutsAreRetried() {
        failFirst("+447911123503", 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        failFirst("+447911123504", 1, aResponse().withStatus(200).withFixedDelay(1500)
                .withBody("{\"messages\":[{\"id\":\"wamid.too-late\"}]}"));
        String reset = send("acme", "+447911123503");
        String slow = send("acme", "+447911123504");

        awaitStatus(reset, "SUBMITTED");
        JsonNode message = awaitStatus(slow, "SUBMITTED");
        assertThat(calls(meta, "+447911123503")).isEqualTo(2);
        assertThat(message.get("providerMessageId").asText()).isEqualTo("wamid.T-" + slow);
    }

    @Test
    void aPermanentRefusalFailsAtOnceWithItsCategory() {
        meta.stubFor(toRecipient("+447911123505").atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(graphError(131026, "Message undeliverable"))));
        String id = send("acme", "+447911123505");

        JsonNode message = awaitStatus(id, "FAILED");
        assertThat(message.get("error").get("category").asText()).isEqualTo("RECIPIENT_UNREACHABLE");
        assertThat(message.get("error").get("retryable").asBoolean()).isFalse();
        assertThat(calls(meta, "+447911123505")).isEqualTo(1);
    }

    @Test
    void aMalformedSuccessReplyEndsFailedAsUnknownWithoutResending() {
        meta.stubFor(toRecipient("+447911123506").atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messages\":[{")));
        String id = send("acme", "+447911123506");

        JsonNode message = awaitStatus(id, "FAILED");
        assertThat(message.get("error").get("category").asText()).isEqualTo("UNKNOWN");
        assertThat(calls(meta, "+447911123506")).isEqualTo(1);
    }

    @Test
    void validityPassingWhileTheProviderFailsEndsExpired() {
        meta.stubFor(toRecipient("+447911123507").atPriority(1).willReturn(aResponse().withStatus(503)));
        String id = gateway().send("shop-key", """
                {"from":"acme","to":"+447911123507","validitySeconds":2,"content":{"type":"text","body":"soon"}}""")
                .json().get("id").asText();

        JsonNode message = awaitStatus(id, "EXPIRED");
        assertThat(message.get("error").get("category").asText()).isEqualTo("EXPIRED");
        assertThat(message.get("final").asBoolean()).isTrue();
    }

    @Test
    void theBreakerSparesAProviderThatIsDownAndTheBacklogDrainsWhenItRecovers() throws Exception {
        down.stubFor(post(urlPathMatching(".*/messages")).atPriority(1).willReturn(aResponse().withStatus(503)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(send("outage", "+4479111236" + String.format("%02d", i)));
        }
        Thread.sleep(3000);
        int callsWhileDown = down.findAll(postRequestedFor(urlPathMatching(".*/messages"))).size();
        for (String id : ids) {
            assertThat(status(id)).isEqualTo("ACCEPTED");
        }
        down.resetMappings();
        MetaStub.stubSuccess(down);

        for (String id : ids) {
            awaitStatus(id, "SUBMITTED");
        }
        // 12 messages retried for 3 s without a breaker would make dozens of calls (backoff starts at 100 ms)
        assertThat(callsWhileDown).isLessThan(12 * 3);
    }

    @Test
    void whileTheBreakerHoldsASendersMessagesBackPastItsQueueLimitTheApiAnswers429UntilTheProviderIsBack()
            throws Exception {
        held.stubFor(post(urlPathMatching(".*/messages")).atPriority(1).willReturn(aResponse().withStatus(503)));
        List<String> ids = new ArrayList<>();
        GatewayClient.Reply refused = null;
        long firstSentAt = System.currentTimeMillis();
        // one message every 200 ms: far under the sender's throughput, so only the hold can fill its queue
        for (int i = 0; i < 40 && refused == null; i++) {
            GatewayClient.Reply reply = gateway().send("shop-key", """
                    {"from":"held","to":"+4479111237%02d","content":{"type":"text","body":"held"}}""".formatted(i));
            if (reply.status() == 202) {
                ids.add(reply.json().get("id").asText());
                Thread.sleep(200);
            } else {
                refused = reply;
            }
        }

        assertThat(refused).as("refused while the provider is down").isNotNull();
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.json().get("type").asText()).endsWith("sender-queue-full");
        assertThat(refused.json().get("detail").asText()).contains("'held'", "queue-limit of 3s");
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(System.currentTimeMillis() - firstSentAt).isGreaterThan(3000);
        held.resetMappings();
        MetaStub.stubSuccess(held);
        for (String id : ids) {
            awaitStatus(id, "SUBMITTED");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway().send("shop-key", """
                {"from":"held","to":"+447911123799","content":{"type":"text","body":"back"}}""").status() == 202);
    }

    private String send(String from, String to) {
        GatewayClient.Reply reply = gateway().send("shop-key", """
                {"from":"%s","to":"%s","content":{"type":"text","body":"fault test"}}""".formatted(from, to));
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        return reply.json().get("id").asText();
    }

    private String status(String id) {
        return gateway().get("shop-key", "/v1/messages/" + id).json().get("status").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals(status));
        return gateway().get("shop-key", "/v1/messages/" + id).json();
    }

    private static int calls(WireMockServer server, String to) {
        return server.findAll(postRequestedFor(urlPathMatching(".*/messages"))
                .withRequestBody(containing("\"to\":\"" + to + "\""))).size();
    }

    private static List<Long> callTimes(WireMockServer server, String to) {
        return server.findAll(postRequestedFor(urlPathMatching(".*/messages"))
                .withRequestBody(containing("\"to\":\"" + to + "\""))).stream()
                .map(r -> r.getLoggedDate().getTime()).sorted().toList();
    }
}
