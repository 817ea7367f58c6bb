package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.broker.BrokerSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
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
        ConnectionFactory factory = connectionFactory instanceof JmsPoolConnectionFactory pool
                ? (ConnectionFactory) pool.getConnectionFactory() : connectionFactory;

        assertThat(((ActiveMQConnectionFactory) factory).getConsumerWindowSize())
                .isEqualTo(BrokerSettings.CONSUMER_WINDOW_BYTES);
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
