package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.wagateway.GatewayApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Accepted but not yet dispatched messages survive a restart of the gateway and are then sent exactly once. */
class RestartTest {

    static final WireMockServer meta = MetaStub.start();
    static final int MESSAGES = 20;

    @AfterAll
    static void stopMeta() {
        meta.stop();
    }

    @Test
    void acceptedMessagesSurviveARestartAndAreSentOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("gw-restart");
        Set<String> accepted = new HashSet<>();

        try (ConfigurableApplicationContext first = start(dataDir, false)) {
            GatewayClient gateway = new GatewayClient(port(first));
            for (int i = 0; i < MESSAGES; i++) {
                GatewayClient.Reply reply = gateway.send("shop-key", GatewayFlowTest.text("+447911123456", "m" + i));
                assertThat(reply.status()).isEqualTo(202);
                accepted.add(reply.json().get("id").asText());
            }
        }
        assertThat(meta.findAll(postRequestedFor(urlPathMatching(".*/messages")))
                .stream().filter(r -> accepted.stream().anyMatch(r.getBodyAsString()::contains))).isEmpty();

        try (ConfigurableApplicationContext second = start(dataDir, true)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sentOf(accepted).size() >= MESSAGES);
            Thread.sleep(1000); // room for a duplicate to show up, if the gateway were to make one
            List<LoggedRequest> sent = sentOf(accepted);
            Set<String> sentIds = new HashSet<>();
            ObjectMapper mapper = new ObjectMapper();
            for (LoggedRequest request : sent) {
                sentIds.add(mapper.readTree(request.getBodyAsString()).get("biz_opaque_callback_data").asText());
            }
            assertThat(sent).hasSize(MESSAGES);
            assertThat(sentIds).isEqualTo(accepted);
        }
    }

    /** The provider calls for these message ids (the other test shares the stub). */
    private static List<LoggedRequest> sentOf(Set<String> ids) {
        return meta.findAll(postRequestedFor(urlPathMatching(".*/messages"))).stream()
                .filter(r -> ids.stream().anyMatch(r.getBodyAsString()::contains)).toList();
    }

    @Test
    void repliesGoBeforeBulkTemplatesAlreadyWaiting() throws Exception {
        Path dataDir = Files.createTempDirectory("gw-priority");
        try (ConfigurableApplicationContext first = start(dataDir, false)) {
            GatewayClient gateway = new GatewayClient(port(first));
            for (int i = 0; i < 5; i++) {
                assertThat(gateway.send("shop-key", """
                        {"from":"acme","to":"+4479111235%02d","content":{"type":"template","name":"bulk_offer",
                         "language":"en_GB","body":["campaign-%d"]}}""".formatted(10 + i, i)).status()).isEqualTo(202);
            }
            assertThat(gateway.send("shop-key", GatewayFlowTest.text("+447911123599", "urgent reply")).status())
                    .isEqualTo(202);
        }
        try (ConfigurableApplicationContext second = start(dataDir, true, "--gateway.dispatch.concurrent-consumers=1")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sentBodies().stream()
                    .filter(b -> b.contains("campaign-") || b.contains("urgent reply")).count() == 6);
            List<String> order = sentBodies().stream()
                    .filter(b -> b.contains("campaign-") || b.contains("urgent reply")).toList();
            assertThat(order.get(0)).contains("urgent reply");
        }
    }

    private static List<String> sentBodies() {
        return meta.getAllServeEvents().stream()
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().getBodyAsString()).toList();
    }

    private static ConfigurableApplicationContext start(Path dataDir, boolean dispatch, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.connectors.meta-test.base-url=" + meta.baseUrl(),
                "--gateway.dispatch.auto-startup=" + dispatch));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(GatewayApplication.class).profiles("e2e").run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
