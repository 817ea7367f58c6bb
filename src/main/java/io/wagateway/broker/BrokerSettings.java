package io.wagateway.broker;

import io.wagateway.config.GatewayProperties;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings of the embedded broker: how queued work is redelivered after a failure. */
@Configuration
public class BrokerSettings {

    @Bean
    ArtemisConfigurationCustomizer gatewayAddressSettings(GatewayProperties properties) {
        return configuration -> {
            // The dispatcher marks a message FAILED at its last attempt, so the broker's own limit is a backstop.
            configuration.addAddressSetting("whatsapp.outbound", backoff()
                    .setMaxDeliveryAttempts(properties.dispatch().maxAttempts() + 2));
            configuration.addAddressSetting("whatsapp.receipts", backoff().setMaxDeliveryAttempts(10));
        };
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
