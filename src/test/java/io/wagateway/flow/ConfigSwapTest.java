package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.wagateway.GatewayApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A sender moves from Meta to CM.com by one configuration line, with no code change: a message queued under the
 * old configuration goes out through the connector in force when it is dispatched.
 */
class ConfigSwapTest {

    static final WireMockServer meta = MetaStub.start();
    static final WireMockServer cm = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    static {
        cm.start();
        cm.stubFor(post(urlEqualTo("/v1.0/message")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"details":"Created 1 message(s)","errorCode":0,"messages":[{"to":"00447911123456",
                         "status":"Accepted","reference":"ref","parts":1,"messageDetails":null,"messageErrorCode":0}]}""")));
    }

    @AfterAll
    static void stopStubs() {
        meta.stop();
        cm.stop();
    }

    @Test
    void aSenderMovesFromMetaToCmByConfigurationAlone() throws Exception {
        Path dataDir = Files.createTempDirectory("gw-swap");
        String viaMeta;
        String queued;
        try (ConfigurableApplicationContext onMeta = start(dataDir, "meta-test", true)) {
            GatewayClient gateway = new GatewayClient(port(onMeta));
            viaMeta = gateway.send("shop-key", GatewayFlowTest.text("+447911123456", "via meta")).json().get("id")
                    .asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.get("shop-key", "/v1/messages/" + viaMeta)
                    .json().get("status").asText().equals("SUBMITTED"));
        }
        try (ConfigurableApplicationContext stopped = start(dataDir, "meta-test", false)) {
            queued = new GatewayClient(port(stopped)).send("shop-key", GatewayFlowTest.text("+447911123456",
                    "queued while on meta")).json().get("id").asText();
        }
        try (ConfigurableApplicationContext onCm = start(dataDir, "cm-test", true)) {
            GatewayClient gateway = new GatewayClient(port(onCm));
            String viaCm = gateway.send("shop-key", GatewayFlowTest.text("+447911123456", "via cm")).json().get("id")
                    .asText();
            for (String id : new String[] {queued, viaCm}) {
                await().atMost(Duration.ofSeconds(10)).until(() -> gateway.get("shop-key", "/v1/messages/" + id)
                        .json().get("status").asText().equals("SUBMITTED"));
                assertThat(gateway.get("shop-key", "/v1/messages/" + id).json().get("connector").asText())
                        .isEqualTo("cm-test");
            }
        }
        meta.verify(1, postRequestedFor(urlPathMatching(".*/messages")).withRequestBody(containing(viaMeta)));
        meta.verify(0, postRequestedFor(urlPathMatching(".*/messages")).withRequestBody(containing("queued while")));
        cm.verify(2, postRequestedFor(urlEqualTo("/v1.0/message"))
                .withHeader("X-CM-PRODUCTTOKEN", equalTo("00000000-0000-0000-0000-000000000000"))
                .withRequestBody(matchingJsonPath("$.messages.msg[0].to[0].number", equalTo("00447911123456"))));
        cm.verify(1, postRequestedFor(urlEqualTo("/v1.0/message")).withRequestBody(containing("queued while on meta")));
    }

    private static ConfigurableApplicationContext start(Path dataDir, String connector, boolean dispatch) {
        return new SpringApplicationBuilder(GatewayApplication.class).profiles("e2e").run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.connectors.meta-test.base-url=" + meta.baseUrl(),
                "--gateway.connectors.cm-test.base-url=" + cm.baseUrl(),
                "--gateway.senders.acme.connector=" + connector,   // the one line that moves the sender
                "--gateway.dispatch.auto-startup=" + dispatch);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
