package io.wagateway.pipeline;

import io.wagateway.config.GatewayProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How long each sender's messages have lately waited between their 202 and their first provider call, as this
 * instance's dispatch saw it: the queue's real depth in time, where a sender's throughput only says what it could
 * be. The API refuses a sender whose messages wait longer than its queue limit.
 *
 * <p>Of the messages dispatched in the last second or two it keeps the shortest wait: a message held back for its
 * recipient's pair rate waits longer than the queue is deep, while none waits less.
 *
 * <p>While the connector's breaker is open nothing is dispatched, so there is no wait to see; the messages put back
 * meanwhile are the queue. Then the wait is how long the sender's messages have been held back since a provider last
 * answered one for good (took or refused it). A hold no message was put back for within the breaker's open time
 * (plus two windows) has ended: its messages have been answered or have expired.
 */
@Component
public class QueueWaits {

    static final long WINDOW_MS = 1000;
    private static final long NONE = -1;

    private final long holdMemoryMs;
    private final Map<String, Waits> senders = new ConcurrentHashMap<>();

    @Autowired
    public QueueWaits(GatewayProperties properties) {
        this(properties.dispatch().breaker().openFor());
    }

    /** {@code breakerOpenFor}: how long apart a held-back message is put back, so how long a hold may go unseen. */
    QueueWaits(Duration breakerOpenFor) {
        this.holdMemoryMs = breakerOpenFor.toMillis() + 2 * WINDOW_MS;
    }

    /** A message of {@code senderId} reached its first provider call after {@code waited}. */
    public void dispatched(String senderId, Duration waited) {
        dispatched(senderId, waited, System.currentTimeMillis());
    }

    /** A message of {@code senderId} was put back because its connector's breaker is open. */
    public void heldBack(String senderId) {
        heldBack(senderId, System.currentTimeMillis());
    }

    /** A provider took or refused a message of {@code senderId}: the sender's queue moves. */
    public void answered(String senderId) {
        Waits waits = senders.get(senderId);
        if (waits != null) {
            waits.answered();
        }
    }

    /**
     * How long the sender's messages wait now: the shortest wait of those dispatched in the last one to two seconds,
     * or how long they have been held back by an open breaker if that is longer; empty if neither is known.
     */
    public Optional<Duration> recentWait(String senderId) {
        return recentWait(senderId, System.currentTimeMillis());
    }

    void dispatched(String senderId, Duration waited, long now) {
        waits(senderId).dispatched(waited.toMillis(), now);
    }

    void heldBack(String senderId, long now) {
        waits(senderId).heldBack(now, holdMemoryMs);
    }

    Optional<Duration> recentWait(String senderId, long now) {
        Waits waits = senders.get(senderId);
        long wait = waits == null ? NONE : waits.wait(now, holdMemoryMs);
        return wait == NONE ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }

    private Waits waits(String senderId) {
        return senders.computeIfAbsent(senderId, k -> new Waits());
    }

    /** One sender's: the shortest wait of this window and the one before, and its current hold. */
    private static final class Waits {
        private long start;
        private long shortest = Long.MAX_VALUE;
        private long previousShortest = Long.MAX_VALUE;
        private volatile long heldSince = NONE; // read without the lock by answered(), once per provider call
        private long lastHeld;

        synchronized void dispatched(long waitedMillis, long now) {
            roll(now);
            shortest = Math.min(shortest, waitedMillis);
        }

        synchronized void heldBack(long now, long holdMemoryMs) {
            if (heldSince == NONE || now - lastHeld > holdMemoryMs) {
                heldSince = now; // a hold of its own, not the end of one that has ended
            }
            lastHeld = now;
        }

        void answered() {
            if (heldSince != NONE) { // no hold, as nearly always: no lock for the dispatch threads to queue on
                synchronized (this) {
                    heldSince = NONE;
                }
            }
        }

        synchronized long wait(long now, long holdMemoryMs) {
            roll(now);
            if (heldSince != NONE && now - lastHeld > holdMemoryMs) {
                heldSince = NONE;
            }
            long least = Math.min(shortest, previousShortest);
            long held = heldSince == NONE ? NONE : now - heldSince;
            return Math.max(least == Long.MAX_VALUE ? NONE : least, held);
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
