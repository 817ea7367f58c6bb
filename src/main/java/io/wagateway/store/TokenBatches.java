package io.wagateway.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Spends the tokens of shared {@link RateBuckets} in memory. To keep the database off the hot path, an instance
 * takes a twentieth of a second's worth at a time and forgets unused ones after {@link #LOCAL_TOKEN_LIFE_MS}, so
 * tokens are spent close to when they were taken and all instances together stay within the bucket's rate.
 *
 * <p>A batch is taken through {@link GroupCommit}, in the writer's next commit: a write of its own would have to win
 * SQLite's write lock from the writer, which takes it again at once, and lost it for seconds at a time (run R).
 */
@Component
public class TokenBatches {

    static final long LOCAL_TOKEN_LIFE_MS = 250;

    private final RateBuckets buckets;
    private final GroupCommit groupCommit;
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();

    public TokenBatches(RateBuckets buckets, GroupCommit groupCommit) {
        this.buckets = buckets;
        this.groupCommit = groupCommit;
    }

    /**
     * Takes one token of the bucket {@code key} (refilling {@code perSecond}, holding up to {@code capacity}):
     * 0 when it was taken, else how many milliseconds until the bucket has one.
     */
    public long take(String key, int perSecond, double capacity) {
        return batches.computeIfAbsent(key, k -> new Batch()).take(key, Math.max(1, perSecond), capacity);
    }

    /** The tokens this instance holds of one bucket. */
    private final class Batch {
        private int tokens;
        private long expiresAt;

        synchronized long take(String key, int perSecond, double capacity) {
            long now = System.currentTimeMillis();
            if (tokens > 0 && now < expiresAt) {
                tokens--;
                return 0;
            }
            RateBuckets.Take take = groupCommit.run(() -> buckets.take(key, perSecond, capacity,
                    Math.max(1, perSecond / 20)));
            if (take.granted() == 0) {
                return take.waitMillis();
            }
            tokens = take.granted() - 1;
            expiresAt = now + LOCAL_TOKEN_LIFE_MS;
            return 0;
        }
    }
}
