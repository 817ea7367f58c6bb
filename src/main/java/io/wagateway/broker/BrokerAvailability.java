package io.wagateway.broker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the broker takes messages: checked by requests before they store or queue anything, reported as health
 * {@code broker} (part of readiness, so a load balancer stops sending requests that could only be refused) and as
 * metrics.
 *
 * <p>Not available while {@link GroupSend} is stalled, which covers any broker, embedded or external, that stopped
 * finishing sends; and, for the embedded broker, while its disk is fuller than {@code gateway.broker.max-disk-usage}:
 * Artemis then blocks every producer until space is freed, so a request refused up front is one that does not hang.
 */
@Component("broker")
public class BrokerAvailability implements HealthIndicator, MeterBinder {

    private final GroupSend groupSend;
    /** The embedded broker; null on an external one ({@code spring.artemis.mode=native}). */
    private final EmbeddedActiveMQ embedded;

    public BrokerAvailability(GroupSend groupSend, ObjectProvider<EmbeddedActiveMQ> embedded) {
        this.groupSend = groupSend;
        this.embedded = embedded.getIfAvailable();
    }

    /** Throws {@link BrokerUnavailableException} while the broker would not take a message. */
    public void requireAvailable() {
        ActiveMQServer server = embeddedServer();
        if (server != null && isDiskFull(server)) {
            throw new BrokerUnavailableException("the broker's disk is fuller than max-disk-usage");
        }
        groupSend.requireAvailable();
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        Duration stalled = groupSend.stalledFor();
        if (!stalled.isZero()) {
            health.down().withDetail("stalledSeconds", stalled.toSeconds())
                    .withDetail("reason", "a broker transaction has been waiting; new messages are refused");
        }
        ActiveMQServer server = embeddedServer();
        if (server != null) {
            boolean diskFull = isDiskFull(server);
            health.withDetail("diskStoreUsage", Math.round(server.getDiskStoreUsage() * 1000) / 1000.0)
                    .withDetail("maxDiskUsage", server.getConfiguration().getMaxDiskUsage() / 100.0)
                    .withDetail("diskFull", diskFull);
            if (diskFull) {
                health.down().withDetail("reason",
                        "the broker's disk is fuller than max-disk-usage; new messages are refused until space is freed");
            }
        }
        return health.build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gateway.broker.stalled", groupSend, sender -> sender.stalledFor().toMillis() / 1000.0)
                .description("How long the open broker transaction has been waiting, once past stall-after")
                .baseUnit("seconds").register(registry);
        Gauge.builder("gateway.broker.disk.usage", this, availability -> {
            ActiveMQServer server = availability.embeddedServer();
            return server == null ? Double.NaN : server.getDiskStoreUsage();
        }).description("Share of the embedded broker's disk in use; it blocks producers above max-disk-usage")
                .register(registry);
    }

    private static boolean isDiskFull(ActiveMQServer server) {
        return server.getPagingManager() != null && server.getPagingManager().isDiskFull();
    }

    private ActiveMQServer embeddedServer() {
        return embedded == null ? null : embedded.getActiveMQServer();
    }
}
