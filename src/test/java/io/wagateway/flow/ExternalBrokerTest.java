package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wagateway.GatewayApplication;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production shape: the gateway on an external broker ({@code spring.artemis.mode=native}). The broker is
 * killed with SIGKILL while messages are being dispatched and started again: every accepted message still reaches
 * the provider, with no more duplicates than calls in flight, and receipts are taken again.
 */
class ExternalBrokerTest {

    static final int MESSAGES = 120;
    static final int CONSUMERS = 8;

    final WireMockServer meta = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").containerThreads(40));
    final ObjectMapper mapper = new ObjectMapper();
    Process broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.destroyForcibly();
        }
        meta.stop();
    }

    @Test
    void acceptedMessagesSurviveAKilledExternalBroker() throws Exception {
        meta.start();
        // slow enough (8 calls a second) that dispatching is still under way when the broker dies, however quickly
        // the messages were accepted
        meta.stubFor(post(urlPathMatching("/v25.0/[0-9]+/messages")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(1000).withHeader("Content-Type", "application/json")
                .withBody("{\"messages\":[{\"id\":\"wamid.X-{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
                .withTransformers("response-template")));
        Path brokerData = Files.createTempDirectory("gw-broker");
        int brokerPort = ProviderCalls.freePort();
        broker = startBroker(brokerPort, brokerData, "first");

        Set<String> accepted = new HashSet<>();
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("e2e").run("--server.port=0",
                        "--gateway.data-dir=" + Files.createTempDirectory("gw-native"),
                        "--spring.artemis.mode=native",
                        "--spring.artemis.broker-url=tcp://127.0.0.1:" + brokerPort
                                + "?reconnectAttempts=-1&retryInterval=200&initialConnectAttempts=50",
                        "--gateway.connectors.meta-test.base-url=" + meta.baseUrl(),
                        "--gateway.senders.acme.throughput=1000",
                        "--gateway.dispatch.concurrent-consumers=" + CONSUMERS)) {
            GatewayClient client = new GatewayClient(
                    ((WebServerApplicationContext) gateway).getWebServer().getPort());
            for (int i = 0; i < MESSAGES; i++) {
                GatewayClient.Reply reply = client.send("shop-key", GatewayFlowTest.text(
                        "+4479111" + String.format("%05d", 30000 + i), "broker restart"));
                assertThat(reply.status()).as(reply.text()).isEqualTo(202);
                accepted.add(reply.json().get("id").asText());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ProviderCalls.sent(meta).size() >= MESSAGES / 5);
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            int beforeKill = ProviderCalls.sent(meta).size();
            Thread.sleep(1000);
            broker = startBroker(brokerPort, brokerData, "second");

            // Eight consumers at one call a second take 15 s. With Artemis's 1 MiB consumer buffer the first
            // consumer back took every id and sent them alone: 60 to 90 s in the full suite (BrokerSettings).
            await().atMost(Duration.ofSeconds(60)).until(() -> ProviderCalls.distinctIds(meta).containsAll(accepted));
            Thread.sleep(2000);
            int duplicates = ProviderCalls.sent(meta).size() - ProviderCalls.distinctIds(meta).size();
            System.out.printf("external broker test: %d accepted, %d calls before the broker was killed, "
                    + "%d duplicates (bound %d)%n", MESSAGES, beforeKill, duplicates, CONSUMERS);
            assertThat(beforeKill).isLessThan(MESSAGES);
            assertThat(ProviderCalls.distinctIds(meta)).isEqualTo(accepted);
            assertThat(duplicates).isLessThanOrEqualTo(CONSUMERS);

            // the receipt consumers came back too
            String id = accepted.iterator().next();
            String receipt = MetaStub.statusWebhook("wamid.X-" + id, "delivered", Instant.now().getEpochSecond(),
                    null);
            assertThat(client.webhook("meta-test", receipt, MetaStub.sign(receipt)).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(
                    client.get("shop-key", "/v1/messages/" + id).json().get("status").asText()));
        }
    }


    private static Process startBroker(int port, Path data, String name) throws Exception {
        File log = new File("target/external-broker-" + name + ".log").getAbsoluteFile();
        Process process = ProviderCalls.java(StandaloneBroker.class.getName(), Integer.toString(port), data.toString())
                .directory(data.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker died at start; see " + log);
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

}
