package io.wagateway.pipeline;

import io.wagateway.config.GatewayProperties;
import io.wagateway.connector.Connector;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.SenderConfig;
import io.wagateway.connector.SenderRef;
import io.wagateway.simulator.ProviderSimulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Finds, from configuration, which connector instance serves a sender. Looked up at dispatch time, so moving a
 * sender to another connector is a configuration change only.
 */
@Component
public class ConnectorRegistry {

    /** Everything needed to send for one sender. */
    public record Route(Connector connector, ConnectorInstance instance, SenderConfig sender) {}

    static final String SIMULATOR_URL = "simulator";

    private final GatewayProperties properties;
    private final Map<String, Connector> connectorsByType;
    private final ProviderSimulator simulator;

    public ConnectorRegistry(GatewayProperties properties, List<Connector> connectors, ProviderSimulator simulator) {
        this.properties = properties;
        this.connectorsByType = connectors.stream().collect(Collectors.toMap(Connector::type, Function.identity()));
        this.simulator = simulator;
        List<String> problems = configurationProblems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("gateway configuration is inconsistent: " + String.join("; ", problems));
        }
    }

    public Optional<Route> route(String senderId) {
        GatewayProperties.Sender sender = properties.senders().get(senderId);
        if (sender == null) {
            return Optional.empty();
        }
        return instance(sender.connector()).map(instance -> new Route(connectorsByType.get(instance.type()), instance,
                new SenderConfig(senderId, sender.number(), sender.connector(), sender.phoneNumberId(),
                        sender.wabaId(), sender.appId(), sender.throughput(), sender.identityCheck(),
                        sender.markRead(), sender.templates())));
    }

    /**
     * The configured instance, with {@code base-url: simulator} resolved to the running simulator. An instance
     * that points at the simulator while it is off is treated as absent.
     */
    public Optional<ConnectorInstance> instance(String connectorId) {
        Map<String, String> settings = properties.connectors().get(connectorId);
        if (settings == null) {
            return Optional.empty();
        }
        Map<String, String> resolved = new HashMap<>(settings);
        if (SIMULATOR_URL.equals(settings.get("base-url"))) {
            if (!simulator.running()) {
                return Optional.empty();
            }
            resolved.put("base-url", simulator.baseUrlFor(connectorId));
        }
        return Optional.of(new ConnectorInstance(connectorId, settings.get("type"), Map.copyOf(resolved)));
    }

    /** The configured sender a webhook concerns: one served by this connector whose provider-side id matches. */
    public Optional<String> senderFor(String connectorId, SenderRef ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return properties.senders().entrySet().stream()
                .filter(e -> connectorId.equals(e.getValue().connector()))
                .filter(e -> matches(ref.phoneNumberId(), e.getValue().phoneNumberId())
                        || matches(ref.appId(), e.getValue().appId())
                        || matches(digits(ref.number()), digits(e.getValue().number())))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The apps allowed to use a sender: they receive its inbound messages and contact events. */
    public List<String> appsForSender(String senderId) {
        return properties.apps().entrySet().stream().filter(e -> e.getValue().senders().contains(senderId))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static boolean matches(String given, String configured) {
        return given != null && given.equals(configured);
    }

    private static String digits(String number) {
        return number == null ? null : number.replaceAll("[^0-9]", "");
    }

    public Optional<Connector> connector(ConnectorInstance instance) {
        return Optional.ofNullable(connectorsByType.get(instance.type()));
    }

    private List<String> configurationProblems() {
        List<String> problems = new ArrayList<>();
        properties.connectors().forEach((id, settings) -> {
            if (!connectorsByType.containsKey(settings.get("type"))) {
                problems.add("connector " + id + " has unknown type '" + settings.get("type") + "' (known: "
                        + connectorsByType.keySet() + ")");
            }
        });
        properties.senders().forEach((id, sender) -> {
            if (!properties.connectors().containsKey(sender.connector())) {
                problems.add("sender " + id + " uses unknown connector '" + sender.connector() + "'");
            }
            if (sender.queueLimit().isNegative()) {
                problems.add("sender " + id + " has a negative queue-limit");
            }
        });
        properties.apps().forEach((id, app) -> app.senders().stream()
                .filter(s -> !properties.senders().containsKey(s))
                .forEach(s -> problems.add("app " + id + " lists unknown sender '" + s + "'")));
        return problems;
    }
}
