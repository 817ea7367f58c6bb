package io.wagateway.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wagateway.config.GatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration that cannot work is refused at start, with every problem named. */
class ConnectorRegistryTest {

    @Test
    void anUnknownConnectorAndANegativeQueueLimitAreNamed() {
        GatewayProperties.Sender sender = new GatewayProperties.Sender("+15550001111", "nowhere", "1", null, null, 80,
                false, false, Map.of(), Duration.ofSeconds(-1));
        GatewayProperties properties = new GatewayProperties("./data", null, Map.of(), Map.of("sales", sender),
                Map.of(), null, null, null, null, null, null, null);

        assertThatThrownBy(() -> new ConnectorRegistry(properties, List.of(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sender sales uses unknown connector 'nowhere'")
                .hasMessageContaining("sender sales has a negative queue-limit");
    }
}
