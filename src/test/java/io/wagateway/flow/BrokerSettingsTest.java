package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.broker.BrokerSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded broker as the gateway configures it. */
class BrokerSettingsTest extends E2eTestBase {

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void theInVmAcceptorDeliversDirectlyToIdleConsumers() {
        TransportConfiguration inVm = broker.getActiveMQServer().getConfiguration().getAcceptorConfigurations()
                .stream().filter(a -> InVMAcceptorFactory.class.getName().equals(a.getFactoryClassName()))
                .findFirst().orElseThrow();

        assertThat(inVm.getParams()).containsEntry("directDeliver", true);
    }

    @Test
    void theJournalFlushesWithinAMillisecond() {
        assertThat(broker.getActiveMQServer().getConfiguration().getJournalBufferTimeout_NIO()).isEqualTo(1_000_000);
    }

    @Test
    void consumersBufferNoBacklog() {
        assertThat(((ActiveMQConnectionFactory) clientFactory()).getConsumerWindowSize())
                .isEqualTo(BrokerSettings.CONSUMER_WINDOW_BYTES);
    }

    @Test
    void aConsumerBusyWithItsFirstMessageLeavesTheBacklogToTheNext() {
        // what the dispatch consumers meet after a broker restart: a backlog queued before any of them connected.
        // With Artemis's 1 MiB buffer the first consumer held all 49 others, and the next got none.
        assertThat(leftForTheNextConsumer(clientFactory())).isGreaterThanOrEqualTo(25);
    }

    @Test
    void aReceiptConsumerBuffersWhatItsNextTransactionTakes() {
        try (ActiveMQConnectionFactory receipts = (ActiveMQConnectionFactory) BrokerSettings.withConsumerWindow(
                connectionFactory, BrokerSettings.RECEIPT_CONSUMER_WINDOW_BYTES)) {

            assertThat(receipts.getConsumerWindowSize()).isEqualTo(BrokerSettings.RECEIPT_CONSUMER_WINDOW_BYTES);
            assertThat(leftForTheNextConsumer(receipts)).isLessThan(25);
        }
    }

    /**
     * Queues 50 messages; a consumer made by {@code first} takes one, and is still busy with it when a consumer of
     * the gateway's factory comes: how many does that one get?
     */
    private int leftForTheNextConsumer(ConnectionFactory first) {
        String name = "test.backlog-" + UUID.randomUUID();
        try (JMSContext producer = clientFactory().createContext()) {
            Queue backlog = producer.createQueue(name);
            for (int i = 0; i < 50; i++) {
                producer.createProducer().send(backlog, "id-" + i);
            }
        }
        try (JMSContext busy = first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
             JMSContext next = clientFactory().createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            assertThat(busy.createConsumer(busy.createQueue(name)).receive(5_000)).isNotNull();
            JMSConsumer nextConsumer = next.createConsumer(next.createQueue(name));
            int taken = 0;
            while (nextConsumer.receive(taken == 0 ? 2_000 : 200) != null) {
                taken++;
            }
            next.acknowledge();
            return taken;
        }
    }

    /** The gateway's Artemis client factory, without the pool around it. */
    private ConnectionFactory clientFactory() {
        return connectionFactory instanceof JmsPoolConnectionFactory pool
                ? (ConnectionFactory) pool.getConnectionFactory() : connectionFactory;
    }

    @Test
    void sessionsLookUpEachDestinationOnce() {
        // a session that caches hands back the destination it looked up before, without asking the broker again
        try (JMSContext jms = connectionFactory.createContext()) {
            assertThat(jms.createQueue("whatsapp.outbound")).isSameAs(jms.createQueue("whatsapp.outbound"));
            assertThat(jms.createTopic("whatsapp.events")).isSameAs(jms.createTopic("whatsapp.events"));
        }
    }
}
