package io.wagateway.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How long each sender's messages have lately waited between their 202 and their first provider call, as this
 * instance's dispatch saw it: the queue's real depth in time, where a sender's throughput only says what it could
 * be. The API refuses a sender whose messages wait longer than its queue limit.
 *
 * <p>Of the messages dispatched in the last second or two it keeps the shortest wait: a message held back for its
 * recipient's pair rate waits longer than the queue is deep, while none waits less.
 */
@Component
public class QueueWaits {

    static final long WINDOW_MS = 1000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** A message of {@code senderId} reached its first provider call after {@code waited}. */
    public void dispatched(String senderId, Duration waited) {
        dispatched(senderId, waited, System.currentTimeMillis());
    }

    /** The shortest wait of the sender's messages dispatched in the last one to two seconds; empty if none was. */
    public Optional<Duration> recentShortest(String senderId) {
        return recentShortest(senderId, System.currentTimeMillis());
    }

    void dispatched(String senderId, Duration waited, long now) {
        windows.computeIfAbsent(senderId, k -> new Window()).record(waited.toMillis(), now);
    }

    Optional<Duration> recentShortest(String senderId, long now) {
        Window window = windows.get(senderId);
        return window == null ? Optional.empty() : window.shortest(now);
    }

    /** The shortest wait of this window and the one before, each {@link #WINDOW_MS} long. */
    private static final class Window {
        private long start;
        private long shortest = Long.MAX_VALUE;
        private long previousShortest = Long.MAX_VALUE;

        synchronized void record(long waitedMillis, long now) {
            roll(now);
            shortest = Math.min(shortest, waitedMillis);
        }

        synchronized Optional<Duration> shortest(long now) {
            roll(now);
            long least = Math.min(shortest, previousShortest);
            return least == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofMillis(least));
        }

        private void roll(long now) {
            if (now - start < WINDOW_MS) {
                return;
            }
            // a window that ended more than a window ago says nothing about now
            previousShortest = now - start < 2 * WINDOW_MS ? shortest : Long.MAX_VALUE;
            shortest = Long.MAX_VALUE;
            start = now;
        }
    }
}
