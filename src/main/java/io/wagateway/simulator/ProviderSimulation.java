package io.wagateway.simulator;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * One provider as the simulator plays it: a Spring component that stubs the provider's send API under
 * {@code /sim/{connectorId}/...} and posts that provider's webhooks back to the gateway.
 */
public interface ProviderSimulation extends ResponseDefinitionTransformerV2 {

    /** Called once before the server starts: how to reach the gateway and read connector settings. */
    void attach(SimulationContext context);

    /** Registers this provider's stubs on the running server. */
    void stub(WireMockServer server);

    @Override
    default boolean applyGlobally() {
        return false;
    }
}
