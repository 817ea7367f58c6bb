package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.wagateway.support.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A webhook the gateway did not take is posted again, as providers do, and its secret stays out of the log. */
class WebhookPosterTest {

    final WireMockServer gateway = new WireMockServer(options().dynamicPort());

    @AfterEach
    void stop() {
        gateway.stop();
    }

    @Test
    void aDroppedConnectionAndA500ArePostedAgainUntilTheGatewayTakesIt() {
        gateway.start();
        answer(Scenario.STARTED, "reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        answer("reset", "failed", aResponse().withStatus(500));
        answer("failed", "taken", aResponse().withStatus(200));
        WebhookPoster poster = new WebhookPoster(gateway::baseUrl, Duration.ofMillis(10));

        try (LogCapture logs = LogCapture.of(WebhookPoster.class.getName())) {
            poster.post(new WebhookPoster.Webhook("/webhooks/cm-sim?secret=s3cret-value",
                    Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8)));

            // first try, then 1 s and 2 s later
            await().atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                    gateway.verify(3, postRequestedFor(urlPathEqualTo("/webhooks/cm-sim"))));
            assertThat(logs.events()).hasSize(2).extracting(ILoggingEvent::getFormattedMessage)
                    .allMatch(line -> line.contains("/webhooks/cm-sim") && !line.contains("s3cret"));
        }
    }

    private void answer(String state, String next,
                        com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        gateway.stubFor(post(urlPathEqualTo("/webhooks/cm-sim")).inScenario("retries").whenScenarioStateIs(state)
                .willReturn(response).willSetStateTo(next));
    }
}
