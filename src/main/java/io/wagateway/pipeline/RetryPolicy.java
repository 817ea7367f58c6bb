package io.wagateway.pipeline;

import io.wagateway.config.GatewayProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** When to try a failed send again: exponential backoff with jitter, never before the provider's Retry-After. */
public final class RetryPolicy {

    private final Duration first;
    private final Duration max;

    public RetryPolicy(GatewayProperties.Dispatch settings) {
        this.first = settings.firstRetryDelay();
        this.max = settings.maxRetryDelay();
    }

    /**
     * The wait before attempt {@code attempt + 1}: first * 2^(attempt-1), capped, with +-20% jitter so that many
     * messages failed by one outage do not come back at the same instant.
     */
    public Duration delay(int attempt, Duration retryAfter) {
        double base = Math.min(max.toMillis(), first.toMillis() * Math.pow(2, Math.min(attempt - 1, 30)));
        long jittered = (long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        long hint = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, hint));
    }
}
