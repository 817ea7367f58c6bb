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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway as a separate process, killed with SIGKILL in the middle of dispatching: after a restart every
 * accepted message reaches the provider, and the only duplicates are calls that were in flight at the kill.
 */
class CrashTest {

    static final int MESSAGES = 300;
    /** Dispatch consumers: at most this many provider calls can be in flight when the process dies. */
    static final int CONSUMERS = 8;

    final WireMockServer meta = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").containerThreads(40));
    final ObjectMapper mapper = new ObjectMapper();
    Process gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        meta.stop();
    }

    @Test
    void everyAcceptedMessageIsSentAfterAKillAndDuplicatesStayWithinTheInFlightBound() throws Exception {
        startSlowProvider();
        Path dataDir = Files.createTempDirectory("gw-crash");
        int port = ProviderCalls.freePort();

        Set<String> accepted = acceptAllAndAwaitFirstCalls(dataDir, port, "first");
        gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL: no shutdown hooks, no flush
        int sentBeforeKill = ProviderCalls.sent(meta).size();
        assertThat(sentBeforeKill).isLessThan(MESSAGES);

        gateway = start(dataDir, port, "second");
        await().atMost(Duration.ofSeconds(90)).until(() -> ProviderCalls.distinctIds(meta).containsAll(accepted));
        Thread.sleep(2000);   // time for a late duplicate to show

        int calls = ProviderCalls.sent(meta).size();
        int duplicates = calls - ProviderCalls.distinctIds(meta).size();
        System.out.printf("crash test: %d accepted, %d provider calls before the kill, %d calls in all, "
                + "%d duplicates (bound %d)%n", MESSAGES, sentBeforeKill, calls, duplicates, CONSUMERS);
        assertThat(ProviderCalls.distinctIds(meta)).isEqualTo(accepted);
        assertThat(duplicates).isLessThanOrEqualTo(CONSUMERS);
    }

    @Test
    void aStopRequestedMidDispatchShutsDownWithoutErrorsAndTheRestIsSentAfterARestart() throws Exception {
        startSlowProvider();
        Path dataDir = Files.createTempDirectory("gw-stop");
        int port = ProviderCalls.freePort();

        Set<String> accepted = acceptAllAndAwaitFirstCalls(dataDir, port, "stopped");
        gateway.destroy();   // SIGTERM: Spring and Camel stop in order
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // e.g. the database closed while consumers still used it
        assertThat(Files.readAllLines(Path.of("target/crash-test-stopped.log")))
                .noneMatch(line -> line.contains(" ERROR "));

        gateway = start(dataDir, port, "restarted");
        await().atMost(Duration.ofSeconds(90)).until(() -> ProviderCalls.distinctIds(meta).containsAll(accepted));
        assertThat(ProviderCalls.distinctIds(meta)).isEqualTo(accepted);
    }

    /** A slow provider keeps calls in flight, so a kill or a stop lands mid-dispatch. */
    private void startSlowProvider() {
        meta.start();
        meta.stubFor(post(urlPathMatching("/v25.0/[0-9]+/messages")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(40).withHeader("Content-Type", "application/json")
                .withBody("{\"messages\":[{\"id\":\"wamid.C-{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
                .withTransformers("response-template")));
    }

    /** Starts the gateway, has it accept every message, and returns once a fifth of them reached the provider. */
    private Set<String> acceptAllAndAwaitFirstCalls(Path dataDir, int port, String name) throws Exception {
        gateway = start(dataDir, port, name);
        Set<String> accepted = acceptAll(port);
        assertThat(accepted).hasSize(MESSAGES);
        await().atMost(Duration.ofSeconds(60)).until(() -> ProviderCalls.sent(meta).size() >= MESSAGES / 5);
        return accepted;
    }

    private Set<String> acceptAll(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < MESSAGES; i++) {
            String to = "+4479111" + String.format("%05d", 20000 + i);
            pool.submit(() -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                        .header("Authorization", "Bearer shop-key").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"acme\",\"to\":\"" + to
                                + "\",\"content\":{\"type\":\"text\",\"body\":\"crash\"}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    ids.add(mapper.readTree(response.body()).get("id").asText());
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        return ids;
    }


    private Process start(Path dataDir, int port, String name) throws Exception {
        File log = new File("target/crash-test-" + name + ".log").getAbsoluteFile();
        Process process = ProviderCalls.java(GatewayApplication.class.getName(),
                "--spring.profiles.active=e2e",
                "--server.port=" + port,
                "--gateway.data-dir=" + dataDir,
                "--gateway.connectors.meta-test.base-url=" + meta.baseUrl(),
                "--gateway.dispatch.concurrent-consumers=" + CONSUMERS,
                "--gateway.senders.acme.throughput=1000")
                .directory(dataDir.toFile())   // like an operator's working directory, away from the source tree
                .redirectErrorStream(true).redirectOutput(log).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway died at start; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

}
