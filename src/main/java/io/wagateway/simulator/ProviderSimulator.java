package io.wagateway.simulator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.wagateway.config.GatewayProperties;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The built-in provider simulator: a WireMock server inside the gateway that answers like the providers do and
 * then calls the gateway's own webhooks with signed receipts. Connectors reach it through {@code base-url:
 * simulator}, which resolves to {@code http://127.0.0.1:<port>/sim/<connectorId>}.
 */
@Component
public class ProviderSimulator {

    private static final Logger log = LoggerFactory.getLogger(ProviderSimulator.class);

    private final WireMockServer server;
    /** Cached: WireMock builds its HTTPS settings, loading resources, on every baseUrl() call. */
    private final String baseUrl;

    public ProviderSimulator(GatewayProperties properties, Environment environment,
                             List<ProviderSimulation> simulations) {
        if (!enabled(properties)) {
            server = null;
            baseUrl = null;
            return;
        }
        GatewayProperties.Simulator settings = properties.simulator();
        SimulationContext context = new SimulationContext(
                new WebhookPoster(() -> gatewayUrl(settings, environment), settings.receiptDelay()),
                connectorId -> settingsOf(properties, connectorId), settings.statusesPerWebhook());
        simulations.forEach(simulation -> simulation.attach(context));
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(settings.port())
                .disableRequestJournal().extensions(simulations.toArray(ProviderSimulation[]::new)));
        server.start();
        baseUrl = server.baseUrl();
        simulations.forEach(simulation -> simulation.stub(server));
        log.info("provider simulator listening on {}", baseUrl);
    }

    /** Unset means: on while some connector points at the simulator (only the embedded defaults do). */
    static boolean enabled(GatewayProperties properties) {
        Boolean configured = properties.simulator().enabled();
        if (configured != null) {
            return configured;
        }
        return properties.connectors().values().stream().anyMatch(c -> "simulator".equals(c.get("base-url")));
    }

    public boolean running() {
        return server != null;
    }

    public String baseUrlFor(String connectorId) {
        if (server == null) {
            throw new IllegalStateException("connector " + connectorId
                    + " has base-url 'simulator' but the simulator is off (gateway.simulator.enabled)");
        }
        return baseUrl + "/sim/" + connectorId;
    }

    private static String gatewayUrl(GatewayProperties.Simulator settings, Environment environment) {
        return settings.gatewayUrl() != null ? settings.gatewayUrl()
                : "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
    }

    private static Map<String, String> settingsOf(GatewayProperties properties, String connectorId) {
        return Objects.requireNonNullElse(properties.connectors().get(connectorId), Map.of());
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
