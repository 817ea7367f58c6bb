package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.Map;

/**
 * One simulation on its own: a WireMock server playing the provider with it, and another standing in for the
 * gateway's webhook endpoint of {@code connectorId}, which answers 200 and records what the simulation posts.
 */
final class SimulationHarness implements AutoCloseable {

    final WireMockServer gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final WireMockServer simulator;

    SimulationHarness(ProviderSimulation simulation, String connectorId, Map<String, String> settings,
                      Duration receiptStep) {
        this(simulation, connectorId, settings, receiptStep, StatusBatcher.MAX_PER_WEBHOOK);
    }

    SimulationHarness(ProviderSimulation simulation, String connectorId, Map<String, String> settings,
                      Duration receiptStep, int statusesPerWebhook) {
        gateway.start();
        gateway.stubFor(post(urlPathEqualTo("/webhooks/" + connectorId)).willReturn(aResponse().withStatus(200)));
        simulation.attach(new SimulationContext(new WebhookPoster(gateway::baseUrl, receiptStep),
                id -> connectorId.equals(id) ? settings : Map.of(), statusesPerWebhook));
        simulator = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(simulation));
        simulator.start();
        simulation.stub(simulator);
    }

    @Override
    public void close() {
        simulator.stop();
        gateway.stop();
    }
}
