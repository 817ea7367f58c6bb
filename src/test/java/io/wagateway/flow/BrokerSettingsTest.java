package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded broker as the gateway configures it. */
class BrokerSettingsTest extends E2eTestBase {

    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void theInVmAcceptorDeliversDirectlyToIdleConsumers() {
        TransportConfiguration inVm = broker.getActiveMQServer().getConfiguration().getAcceptorConfigurations()
                .stream().filter(a -> InVMAcceptorFactory.class.getName().equals(a.getFactoryClassName()))
                .findFirst().orElseThrow();

        assertThat(inVm.getParams()).containsEntry("directDeliver", true);
    }
}
