package io.wagateway.simulator;

import java.util.Map;
import java.util.function.Function;

/**
 * What a simulation needs from the gateway: a way to post webhooks, each connector instance's settings, and how many
 * status updates may share one webhook.
 */
public record SimulationContext(WebhookPoster poster, Function<String, Map<String, String>> connectorSettings,
                                int statusesPerWebhook) {}
