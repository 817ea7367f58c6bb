package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** An operator finds a dead-lettered message through the ops endpoint and re-drives it to the provider. */
class DeadLettersTest extends E2eTestBase {

    @Autowired
    CamelContext camel;
    @Autowired
    JmsTemplate jms;

    @Test
    void aDeadLetterIsListedAndReDrivenToItsQueue() throws Exception {
        camel.getRouteController().stopRoute("dispatch");
        String id;
        try {
            id = gateway.send("shop-key", GatewayFlowTest.text("+447911123491", "dead letter")).json().get("id")
                    .asText();
            // as the broker does after the last redelivery: the message moves to the DLQ, marked with its origin
            jms.setReceiveTimeout(5000);
            Message queued = jms.receive("whatsapp.outbound");
            assertThat(queued).isNotNull();
            jms.convertAndSend("DLQ", queued.getBody(String.class), m -> {
                m.setStringProperty("_AMQ_ORIG_ADDRESS", "whatsapp.outbound");
                return m;
            });
        } finally {
            camel.getRouteController().startRoute("dispatch");
        }

        assertThat(ops("GET", "/ops/dead-letters", "wrong").status()).isEqualTo(401);
        JsonNode listed = ops("GET", "/ops/dead-letters", "test-ops-key").json().get("deadLetters");
        JsonNode entry = null;
        for (JsonNode candidate : listed) {
            if (id.equals(candidate.get("body").asText())) {
                entry = candidate;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("originalAddress").asText()).isEqualTo("whatsapp.outbound");
        assertThat(status(id)).isEqualTo("ACCEPTED");

        GatewayClient.Reply redriven = ops("POST", "/ops/dead-letters/" + entry.get("jmsMessageId").asText()
                + "/redrive", "test-ops-key");
        assertThat(redriven.status()).as(redriven.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("SUBMITTED"));
        assertThat(ops("POST", "/ops/dead-letters/ID:nothing/redrive", "test-ops-key").status()).isEqualTo(404);
    }

    private GatewayClient.Reply ops(String method, String path, String key) {
        return gateway.raw(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private String status(String id) {
        return gateway.get("shop-key", "/v1/messages/" + id).json().get("status").asText();
    }
}
