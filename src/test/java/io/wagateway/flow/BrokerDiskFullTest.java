package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded broker's disk is fuller than {@code max-disk-usage} (0 % here, so any disk is): Artemis would block
 * every producer, so the gateway says so in its readiness and refuses requests up front instead of letting them
 * hang, with nothing stored.
 */
@TestPropertySource(properties = "gateway.broker.max-disk-usage=0")
class BrokerDiskFullTest extends E2eTestBase {

    @TestConfiguration
    static class QuickDiskScan {
        @Bean
        ArtemisConfigurationCustomizer scanTheDiskOften() {
            return configuration -> configuration.setDiskScanPeriod(100);
        }
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void readinessIsDownAndSaysWhy() throws Exception {
        JsonNode broker = await().atMost(Duration.ofSeconds(10)).until(this::brokerHealth,
                health -> "DOWN".equals(health.path("status").asText()));

        assertThat(broker.at("/details/diskFull").asBoolean()).isTrue();
        assertThat(broker.at("/details/maxDiskUsage").asDouble()).isZero();
        assertThat(broker.at("/details/diskStoreUsage").asDouble()).isPositive();
        assertThat(broker.at("/details/reason").asText()).contains("disk");
        assertThat(meters.get("gateway.broker.disk.usage").gauge().value()).isPositive();
        assertThat(meters.get("gateway.broker.stalled").gauge().value()).isZero();
    }

    @Test
    void aSendIsRefusedAt503WithNothingStored() {
        awaitDiskFull();

        GatewayClient.Reply reply = gateway.send("shop-key", """
                {"from":"acme","to":"+447911123593","clientReference":"disk-full-1","content":{"type":"text","body":"Hi"}}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("broker is not taking messages");
        assertThat(reply.raw().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(gateway.get("shop-key", "/v1/messages?clientReference=disk-full-1").json().get("messages"))
                .isEmpty();
        assertThat(meta.findAll(postRequestedFor(urlPathMatching(".*/messages")))).noneMatch(
                request -> request.getBodyAsString().contains("447911123593"));
    }

    @Test
    void aWebhookIsAnswered500SoTheProviderRetriesIt() {
        awaitDiskFull();
        String body = InboundTest.inbound("wamid.DISKFULL1", "447911123594",
                "\"type\":\"text\",\"text\":{\"body\":\"Still there?\"}");

        GatewayClient.Reply reply = gateway.webhook("meta-test", body, MetaStub.sign(body));

        assertThat(reply.status()).isEqualTo(500);
    }

    private void awaitDiskFull() {
        await().atMost(Duration.ofSeconds(10)).until(() -> brokerHealth().at("/details/diskFull").asBoolean());
    }

    private JsonNode brokerHealth() {
        // readiness is answered 503 while DOWN, with the same body
        return gateway.get("shop-key", "/actuator/health/readiness").json().at("/components/broker");
    }
}
