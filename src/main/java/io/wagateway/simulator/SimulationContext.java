package io.wagateway.simulator;

import java.util.Map;
import java.util.function.Function;

/** What a simulation needs from the gateway: a way to post webhooks and each connector instance's settings. */
public record SimulationContext(WebhookPoster poster, Function<String, Map<String, String>> connectorSettings) {}
