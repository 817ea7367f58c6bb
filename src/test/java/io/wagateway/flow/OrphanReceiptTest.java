package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A receipt that overtakes the send response (the provider's webhook arrives before the gateway has recorded the
 * provider's message id) is not lost: it goes back to the broker and is applied once the id is known.
 */
class OrphanReceiptTest extends E2eTestBase {

    @Autowired
    CamelContext camel;

    @Test
    void aReceiptBeforeItsSendResponseIsAppliedWhenTheMessageIsKnown() throws Exception {
        camel.getRouteController().stopRoute("dispatch");
        String id;
        try {
            id = gateway.send("shop-key", GatewayFlowTest.text("+447911123495", "early receipt")).json().get("id")
                    .asText();
            // no callback data: only the provider id can match it, and the ledger does not know it yet
            String early = MetaStub.statusWebhook("wamid.T-" + id, "delivered", Instant.now().getEpochSecond(), null);
            assertThat(gateway.webhook("meta-test", early, MetaStub.sign(early)).status()).isEqualTo(200);
            Thread.sleep(1500);
            assertThat(status(id)).isEqualTo("ACCEPTED");
        } finally {
            camel.getRouteController().startRoute("dispatch");
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("DELIVERED"));
    }

    private String status(String id) {
        return gateway.get("shop-key", "/v1/messages/" + id).json().get("status").asText();
    }
}
