package io.wagateway.broker;

import io.wagateway.config.GatewayProperties;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker: redelivery backoff for queued work, the multicast events address with its durable
 * subscriptions, and a loopback listener so reporting systems can subscribe from outside the process.
 * With an external broker ({@code spring.artemis.mode=native}) ops configure the same on that broker.
 */
@Configuration
public class BrokerSettings {

    /** Accepted message ids, for dispatch (routes/pipeline.yaml). */
    public static final String OUTBOUND_QUEUE = "whatsapp.outbound";
    /** What provider webhooks carried, for the receipt consumers (routes/pipeline.yaml). */
    public static final String RECEIPTS_QUEUE = "whatsapp.receipts";

    @Bean
    ArtemisConfigurationCustomizer gatewayBrokerSettings(GatewayProperties properties) {
        return configuration -> {
            // Provider failures are retried by the dispatcher itself; these redeliveries only cover crashes and an
            // unreachable database, after which a message waits in the DLQ for an operator.
            configuration.addAddressSetting(OUTBOUND_QUEUE, backoff().setMaxDeliveryAttempts(10));
            configuration.addAddressSetting(RECEIPTS_QUEUE, backoff().setMaxDeliveryAttempts(10));

            String events = properties.events().address();
            CoreAddressConfiguration address = new CoreAddressConfiguration().setName(events)
                    .addRoutingType(RoutingType.MULTICAST);
            for (String subscription : properties.events().subscriptions()) {
                address.addQueueConfiguration(QueueConfiguration.of(subscription).setAddress(events)
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true));
            }
            configuration.addAddressConfiguration(address);

            // The gateway's own connection (in-VM): a message routed to a queue with an idle consumer is handed to
            // it on the routing thread instead of through the queue's executor, one thread hand-off fewer per
            // message on each queue (docs/benchmarks.md, run G).
            configuration.getAcceptorConfigurations().stream()
                    .filter(acceptor -> InVMAcceptorFactory.class.getName().equals(acceptor.getFactoryClassName()))
                    .forEach(acceptor -> acceptor.getParams().put(TransportConstants.DIRECT_DELIVER, true));

            GatewayProperties.Broker broker = properties.broker();
            configuration.setMaxDiskUsage(broker.maxDiskUsage());
            // the journal Artemis falls back to without libaio; its AIO journal waits 0.5 ms by default already
            configuration.setJournalBufferTimeout_NIO((int) broker.journalBufferTimeout().toNanos());
            if (broker.port() >= 0) {
                try {
                    configuration.addAcceptorConfiguration("outside", "tcp://" + broker.host() + ":" + broker.port()
                            + "?protocols=CORE,AMQP,STOMP");
                } catch (Exception e) {
                    throw new IllegalStateException("broker listener " + broker.host() + ":" + broker.port(), e);
                }
            }
        };
    }

    /** What a consumer may hold in its client-side buffer: a message or two, not a backlog. */
    public static final int CONSUMER_WINDOW_BYTES = 1024;
    /**
     * What a receipt consumer may buffer: about one transaction's worth (64 webhooks of one status, about 1 KiB each
     * as queued). Its transactions take only what its buffer already holds, so with {@link #CONSUMER_WINDOW_BYTES} they
     * took 1.7 webhooks each, and under one status per webhook the receipts queue fell behind the intake
     * (docs/benchmarks.md, run T).
     */
    public static final int RECEIPT_CONSUMER_WINDOW_BYTES = 64 * 1024;

    /**
     * For the embedded and an external broker alike: the gateway's JMS sessions remember the queues and topics they
     * looked up, since otherwise every send by name (each event, each queued message) first asks the broker whether
     * the destination exists, a blocking round trip (docs/benchmarks.md, run H). And a consumer buffers only a
     * message or two: with Artemis's 1 MiB, the first dispatch consumer back after a broker restart (or at a start
     * with a backlog) took every queued id into its buffer, with its message group, and sent them one at a time
     * while the other consumers waited idle (ExternalBrokerTest: one call a second for a minute instead of eight).
     */
    @Bean
    static BeanPostProcessor jmsClientSettings() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                Object factory = bean instanceof JmsPoolConnectionFactory pool ? pool.getConnectionFactory() : bean;
                if (factory instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setCacheDestinations(true);
                    artemis.setConsumerWindowSize(CONSUMER_WINDOW_BYTES);
                }
                return bean;
            }
        };
    }

    /**
     * A factory for consumers that buffer {@code windowBytes}, connected as the gateway's own factory is; the Artemis
     * client takes the window from its factory, so consumers that need another one need their own. Any other JMS
     * factory (none in the gateway) is returned as it is.
     */
    public static ConnectionFactory withConsumerWindow(ConnectionFactory factory, int windowBytes) {
        Object unpooled = factory instanceof JmsPoolConnectionFactory pool ? pool.getConnectionFactory() : factory;
        if (!(unpooled instanceof ActiveMQConnectionFactory artemis)) {
            return factory;
        }
        ActiveMQConnectionFactory copy;
        try {
            copy = new ActiveMQConnectionFactory(artemis.toURI().toString(), artemis.getUser(), artemis.getPassword());
        } catch (IOException e) {
            throw new UncheckedIOException("the broker connection's settings", e);
        }
        copy.setCacheDestinations(true);
        copy.setConsumerWindowSize(windowBytes);
        return copy;
    }

    private static AddressSettings backoff() {
        return new AddressSettings()
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"));
    }
}
