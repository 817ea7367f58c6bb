package io.wagateway.store;

import io.wagateway.config.GatewayProperties;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys after their window, webhook dedupe keys after {@link #DEDUPE_RETENTION} and rate buckets
 * once they are full again. Plain deletes by age, so several gateway instances may run it at once.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    /** Meta retries a webhook for up to 36 hours (some docs say 7 days for the overview); 72 h covers the former. */
    static final Duration DEDUPE_RETENTION = Duration.ofHours(72);

    private final IdempotencyStore idempotency;
    private final DedupeStore dedupe;
    private final RateBuckets buckets;
    private final Duration idempotencyWindow;
    private final Duration bucketRefill;

    public Housekeeping(IdempotencyStore idempotency, DedupeStore dedupe, RateBuckets buckets,
                        GatewayProperties properties) {
        this.idempotency = idempotency;
        this.dedupe = dedupe;
        this.buckets = buckets;
        this.idempotencyWindow = properties.api().idempotencyWindow();
        // a bucket left alone this long is full again, and a missing bucket starts full: a sender's queue bucket
        // takes its queue-limit to refill, the throughput and app rate buckets a second
        this.bucketRefill = properties.senders().values().stream().map(GatewayProperties.Sender::queueLimit)
                .reduce(Duration.ofMinutes(15), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purge() {
        Instant now = Instant.now();
        int keys = idempotency.purgeOlderThan(now.minus(idempotencyWindow));
        int receipts = dedupe.purgeOlderThan(now.minus(DEDUPE_RETENTION));
        buckets.purgeIdleSince(now.minus(bucketRefill).toEpochMilli());
        if (keys + receipts > 0) {
            log.info("housekeeping removed {} idempotency keys and {} webhook dedupe keys", keys, receipts);
        }
    }
}
