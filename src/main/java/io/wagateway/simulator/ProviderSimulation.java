package io.wagateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import java.util.Map;
import java.util.function.Function;

/**
 * One provider as the simulator plays it: a Spring component that stubs the provider's send API under
 * {@code /sim/{connectorId}/...} and posts that provider's webhooks back to the gateway.
 */
public abstract class ProviderSimulation implements ResponseDefinitionTransformerV2 {

    protected final ObjectMapper mapper;
    /** Posts webhooks to the gateway; set by {@link #attach} before the server starts. */
    protected WebhookPoster poster;
    /** A connector instance's settings by its id (secrets for signing, tokens to check). */
    protected Function<String, Map<String, String>> connectorSettings;

    protected ProviderSimulation(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Called once before the server starts: how to reach the gateway and read connector settings. */
    public void attach(SimulationContext context) {
        this.poster = context.poster();
        this.connectorSettings = context.connectorSettings();
    }

    /** Registers this provider's stubs on the running server. */
    public abstract void stub(WireMockServer server);

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
