package io.wagateway.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

import io.wagateway.broker.BrokerUnavailableException;
import io.wagateway.event.GatewayEvent;
import io.wagateway.pipeline.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A dispatched message is acknowledged on the outbound queue only once its event is stored on the broker. If the
 * broker fails to take the event after the provider took the message, the queued id comes back: the message is not
 * sent again, and the event comes out then. While the broker is stalled, the event waits in place instead.
 */
class DispatchRedeliveryTest extends E2eTestBase {

    static final String PHONE = "+447911123595";
    static final String STALLED_PHONE = "+447911123596";

    @MockitoSpyBean
    EventPublisher publisher;

    @Test
    void anEventTheBrokerRefusedComesOutOnRedeliveryWithoutASecondSend() {
        AtomicInteger refused = new AtomicInteger();
        doAnswer(call -> {
            List<GatewayEvent> published = call.getArgument(0);
            if (concerns(published, PHONE) && refused.getAndIncrement() == 0) {
                throw new IllegalStateException("could not queue on the broker");
            }
            return call.callRealMethod();
        }).when(publisher).publish(anyList());

        String id = sendAndAwaitItsFirstEvent(PHONE);
        assertThat(refused.get()).as("publications refused, then redelivered").isEqualTo(2);
        assertThat(events.forMessage(id)).extracting(EventCollector.Received::status).containsExactly("SUBMITTED");
        assertThat(providerCalls(PHONE)).isEqualTo(1);
        assertThat(gateway.get("shop-key", "/v1/messages/" + id).json().get("status").asText())
                .isEqualTo("SUBMITTED");
    }

    @Test
    void whileTheBrokerIsStalledTheEventWaitsInPlaceInsteadOfGoingBackToTheBroker() {
        List<List<GatewayEvent>> attempts = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            List<GatewayEvent> published = call.getArgument(0);
            if (concerns(published, STALLED_PHONE)) {
                attempts.add(published);
                if (attempts.size() <= 2) {
                    throw new BrokerUnavailableException("the broker has not finished a transaction for 5 s");
                }
            }
            return call.callRealMethod();
        }).when(publisher).publish(anyList());

        String id = sendAndAwaitItsFirstEvent(STALLED_PHONE);
        assertThat(events.forMessage(id)).extracting(EventCollector.Received::status).containsExactly("SUBMITTED");
        // one delivery of the queued id: each try published the very list its one dispatch built
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(1)).isSameAs(attempts.get(0));
        assertThat(attempts.get(2)).isSameAs(attempts.get(0));
        assertThat(providerCalls(STALLED_PHONE)).isEqualTo(1);
    }

    private String sendAndAwaitItsFirstEvent(String phone) {
        GatewayClient.Reply accepted = gateway.send("shop-key", """
                {"from":"acme","to":"%s","content":{"type":"text","body":"Hello"}}""".formatted(phone));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> !events.forMessage(id).isEmpty());
        return id;
    }

    private long providerCalls(String phone) {
        return meta.findAll(postRequestedFor(urlPathMatching(".*/messages"))).stream()
                .filter(request -> request.getBodyAsString().contains(phone.substring(1))).count();
    }

    private static boolean concerns(List<GatewayEvent> events, String phone) {
        return events.stream().anyMatch(event -> event.contact() != null && phone.equals(event.contact().phone()));
    }
}
