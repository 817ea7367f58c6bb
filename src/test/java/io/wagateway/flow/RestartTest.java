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
        assertThat(meta.findAll(postRequestedFor(urlPathMatching(".*/messages")))).isEmpty();

        try (ConfigurableApplicationContext second = start(dataDir, true)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meta.findAll(postRequestedFor(urlPathMatching(".*/messages"))).size() >= MESSAGES);
            Thread.sleep(1000); // room for a duplicate to show up, if the gateway were to make one
            List<LoggedRequest> sent = meta.findAll(postRequestedFor(urlPathMatching(".*/messages")));
            Set<String> sentIds = new HashSet<>();
            ObjectMapper mapper = new ObjectMapper();
            for (LoggedRequest request : sent) {
                sentIds.add(mapper.readTree(request.getBodyAsString()).get("biz_opaque_callback_data").asText());
            }
            assertThat(sent).hasSize(MESSAGES);
            assertThat(sentIds).isEqualTo(accepted);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, boolean dispatch) {
        return new SpringApplicationBuilder(GatewayApplication.class).profiles("e2e").run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.connectors.meta-test.base-url=" + meta.baseUrl(),
                "--gateway.dispatch.auto-startup=" + dispatch);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
