package io.wagateway.pipeline;

import io.wagateway.config.GatewayProperties;
import io.wagateway.store.TokenBatches;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Paces provider calls: a sender's throughput (its bucket is in the database, shared by every gateway instance)
 * and WhatsApp's pair rate for one recipient (kept in memory: JMS message groups pin each sender and recipient to
 * one consumer of one instance, so that recipient's messages all pass through this instance's bucket).
 *
 * <p>The sender's tokens are taken in small batches ({@link TokenBatches}) to keep the shared bucket off the hot path.
 */
@Component
public class Pacing {

    private final TokenBatches senderTokens;
    private final GatewayProperties.Dispatch settings;
    private final Map<String, PairBucket> pairs = new ConcurrentHashMap<>();

    public Pacing(TokenBatches senderTokens, GatewayProperties properties) {
        this.senderTokens = senderTokens;
        this.settings = properties.dispatch();
    }

    /** 0 when a call may go now, else how many milliseconds to wait. Takes the tokens when it answers 0. */
    public long waitMillis(String senderId, int throughput, String recipientKey) {
        PairBucket pair = pairs.computeIfAbsent(senderId + "|" + recipientKey,
                k -> new PairBucket(settings.pairPerMinute() / 60_000.0, settings.pairBurst()));
        long pairWait = pair.waitMillis();
        if (pairWait > 0) {
            return pairWait;
        }
        long senderWait = senderTokens.take("sender|" + senderId, throughput, Math.max(1, throughput));
        if (senderWait > 0) {
            pair.giveBack();
        }
        return senderWait;
    }

    /** Drops pair buckets that have refilled completely: they hold nothing a new bucket would not. */
    @Scheduled(fixedDelayString = "PT1M")
    public void forgetFullPairs() {
        pairs.values().removeIf(PairBucket::isFull);
    }

    /** A token bucket in memory: refills {@code perMilli}, holds up to {@code burst}. */
    private static final class PairBucket {
        private final double perMilli;
        private final double burst;
        private double tokens;
        private long updatedAt = System.currentTimeMillis();

        PairBucket(double perMilli, double burst) {
            this.perMilli = perMilli;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized long waitMillis() {
            refill();
            if (tokens >= 1) {
                tokens--;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
        }

        synchronized void giveBack() {
            tokens = Math.min(burst, tokens + 1);
        }

        synchronized boolean isFull() {
            refill();
            return tokens >= burst;
        }

        private void refill() {
            long now = System.currentTimeMillis();
            tokens = Math.min(burst, tokens + (now - updatedAt) * perMilli);
            updatedAt = now;
        }
    }
}
