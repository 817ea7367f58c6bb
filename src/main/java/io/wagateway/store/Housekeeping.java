package io.wagateway.store;

import io.wagateway.config.GatewayProperties;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys after their window and webhook dedupe keys after {@link #DEDUPE_RETENTION}. Plain
 * deletes by age, so several gateway instances may run it at once.
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

    public Housekeeping(IdempotencyStore idempotency, DedupeStore dedupe, RateBuckets buckets,
                        GatewayProperties properties) {
        this.idempotency = idempotency;
        this.dedupe = dedupe;
        this.buckets = buckets;
        this.idempotencyWindow = properties.api().idempotencyWindow();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purge() {
        Instant now = Instant.now();
        int keys = idempotency.purgeOlderThan(now.minus(idempotencyWindow));
        int receipts = dedupe.purgeOlderThan(now.minus(DEDUPE_RETENTION));
        // an idle bucket is full again within minutes (the pair rate refills 45 tokens in 4.5 min)
        buckets.purgeIdleSince(now.minus(Duration.ofMinutes(15)).toEpochMilli());
        if (keys + receipts > 0) {
            log.info("housekeeping removed {} idempotency keys and {} webhook dedupe keys", keys, receipts);
        }
    }
}
