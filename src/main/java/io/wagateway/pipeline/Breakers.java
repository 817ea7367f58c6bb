package io.wagateway.pipeline;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.wagateway.config.GatewayProperties;
import io.wagateway.connector.SendOutcome;
import io.wagateway.model.ErrorCategory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * One resilience4j circuit breaker per connector instance. Only outages count as failures (the provider could not
 * be reached or answered 5xx); a refusal or a rate limit proves the provider is up. While a breaker is open the
 * gateway keeps accepting and parks messages on the broker until it half-opens.
 */
@Component
public class Breakers {

    private final CircuitBreakerRegistry registry;
    private final Duration openFor;

    public Breakers(GatewayProperties properties) {
        GatewayProperties.Breaker settings = properties.dispatch().breaker();
        this.openFor = settings.openFor();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRatePercent())
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
    }

    public CircuitBreaker forConnector(String connectorId) {
        return registry.circuitBreaker(connectorId);
    }

    /** How long a message should wait while the breaker is open. */
    public Duration openFor() {
        return openFor;
    }

    public static void record(CircuitBreaker breaker, SendOutcome outcome, long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        if (outcome instanceof SendOutcome.Failed failed
                && failed.error().category() == ErrorCategory.PROVIDER_UNAVAILABLE) {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IllegalStateException(failed.error().code()));
        } else {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        }
    }
}
