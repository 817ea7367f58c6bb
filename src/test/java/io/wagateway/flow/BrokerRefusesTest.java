package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import io.wagateway.broker.GroupSend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** When the broker will not take what a request must queue, the request fails and leaves nothing behind. */
class BrokerRefusesTest extends E2eTestBase {

    @MockitoBean
    GroupSend groupSend;

    @BeforeEach
    void brokerRefuses() {
        doThrow(new IllegalStateException("could not queue on the broker")).when(groupSend).send(any());
    }

    @Test
    void aSendIsRefusedWith503AndItsStoredRowIsUndone() {
        GatewayClient.Reply reply = gateway.send("shop-key", """
                {"from":"acme","to":"+447911123591","clientReference":"refused-1","content":{"type":"text","body":"Hi"}}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.raw().headers().firstValue("Retry-After")).hasValue("5");
        // not accepted means not stored: the app's retry will be the only copy
        assertThat(gateway.get("shop-key", "/v1/messages?clientReference=refused-1").json().get("messages"))
                .isEmpty();
        assertThat(meta.findAll(postRequestedFor(urlPathMatching(".*/messages")))).noneMatch(
                request -> request.getBodyAsString().contains("447911123591"));
    }

    @Test
    void aWebhookIsAnswered500SoTheProviderRetriesIt() {
        String body = InboundTest.inbound("wamid.REFUSED1", "447911123592",
                "\"type\":\"text\",\"text\":{\"body\":\"Anyone there?\"}");

        GatewayClient.Reply reply = gateway.webhook("meta-test", body, MetaStub.sign(body));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text()).isEqualTo("temporarily unavailable");
    }
}
