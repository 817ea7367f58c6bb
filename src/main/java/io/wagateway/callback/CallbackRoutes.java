package io.wagateway.callback;

import io.wagateway.config.GatewayProperties;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One durable queue and one route per app with a callback URL, so an app whose endpoint is down delays only its
 * own events. Defined in Java, not in routes/, because there is one per configured app.
 *
 * <p>Events for one contact share a JMS group, so they reach the app in order: a failing event is retried in
 * place (exponential backoff, up to {@code gateway.callbacks.retry-window}) and holds back the ones after it.
 */
@Component
public class CallbackRoutes extends RouteBuilder {

    public static final String QUEUE_PREFIX = "whatsapp.callbacks.";

    private final GatewayProperties properties;

    public CallbackRoutes(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        GatewayProperties.Callbacks settings = properties.callbacks();
        onException(CallbackSender.CallbackFailed.class)
                .retryWhile(method("callbackSender", "withinWindow"))
                .redeliveryDelay(settings.firstRetryDelay().toMillis())
                .useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(settings.maxRetryDelay().toMillis())
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG)
                .handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "callback of app ${header.app} given up after the retry "
                        + "window; event kept on " + QUEUE_PREFIX + "dead")
                .to("jms:queue:" + QUEUE_PREFIX + "dead");

        properties.apps().forEach((app, config) -> {
            if (config.callback() != null && config.callback().url() != null) {
                from("jms:queue:" + QUEUE_PREFIX + app + "?transacted=true&concurrentConsumers=4"
                        + "&cacheLevelName=CACHE_CONSUMER")
                        .routeId("callbacks-" + app)
                        .to("bean:callbackSender?method=post");
            }
        });
    }
}
