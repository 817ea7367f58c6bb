package io.wagateway.broker;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts persistent messages on broker queues and topics for many threads at once: one broker transaction for every
 * message waiting.
 *
 * <p>A blocking persistent send is a round trip to the broker, and a journal sync, per message. Here one sender
 * thread takes all waiting messages, sends them in one transacted session and commits once. {@link #send} returns
 * only after the commit that carried its messages, so a request is still answered only once what it queued is
 * stored. A caller's messages are sent in their order, callers in the order they came; message groups keep that
 * order for consumers. If the commit fails, every caller in it gets the exception and none of its messages stays.
 *
 * <p>A broker that stops taking messages (Artemis blocks every producer when its disk is fuller than
 * {@code max-disk-usage}; an external broker may be unreachable) leaves a transaction hanging. Once one has been
 * open for {@code stallAfter}, the sender counts as {@linkplain #stalledFor() stalled}: new callers and those still
 * waiting their turn are refused with {@link BrokerUnavailableException} (nothing of theirs reached the broker),
 * so requests fail fast with a retryable answer instead of piling up; only the callers inside the hanging
 * transaction wait for its outcome. {@link BrokerAvailability} reports the stall (health, metrics).
 */
@Component
public class GroupSend {

    private static final Logger log = LoggerFactory.getLogger(GroupSend.class);

    /**
     * One persistent message: its queue or topic, its body, its JMS priority and its properties (the message group
     * is {@code JMSXGroupID}, a scheduled delivery {@code _AMQ_SCHED_DELIVERY}).
     */
    public record Outgoing(String destination, boolean topic, String body, int priority,
                           Map<String, Object> properties) {
        public static final int DEFAULT_PRIORITY = Message.DEFAULT_PRIORITY;

        /** For a queue, in message group {@code group} (none if null). */
        public Outgoing(String queue, String body, String group, int priority) {
            this(queue, false, body, priority, group == null ? Map.of() : Map.of("JMSXGroupID", group));
        }

        /** The message group, or null. */
        public String group() {
            return (String) properties.get("JMSXGroupID");
        }

        /** Sends this in {@code session} (its transaction, if it has one) with a producer made for no destination. */
        public void sendWith(Session session, MessageProducer anyDestination) throws JMSException {
            Message message = session.createTextMessage(body);
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            Destination to = topic ? session.createTopic(destination) : session.createQueue(destination);
            anyDestination.send(to, message, DeliveryMode.PERSISTENT, priority, Message.DEFAULT_TIME_TO_LIVE);
        }
    }

    private final ConnectionFactory factory;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final int maxCallers;
    private final long stallAfterNanos;
    private final DistributionSummary messagesPerCommit;
    private final Thread sender;
    private volatile boolean stopping;
    /** {@link System#nanoTime()} when the open broker transaction began; 0 while none is open. */
    private volatile long openSince;
    /** Whether the current stall was logged, so a stall logs twice (begun, over) and not once per refusal. */
    private final AtomicBoolean stallReported = new AtomicBoolean();
    /** The sender thread's session; rebuilt after a failure. */
    private Connection connection;
    private Session session;
    private MessageProducer producer;

    public GroupSend(ConnectionFactory factory, MeterRegistry meters,
                     @Value("${gateway.broker.group-send-max:256}") int maxCallers,
                     @Value("${gateway.broker.stall-after:5s}") Duration stallAfter) {
        this.factory = factory;
        this.maxCallers = Math.max(1, maxCallers);
        this.stallAfterNanos = stallAfter.toNanos();
        this.messagesPerCommit = DistributionSummary.builder("gateway.broker.group.send.messages")
                .description("Messages queued in one broker transaction").register(meters);
        this.sender = new Thread(this::sendLoop, "broker-group-send");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /**
     * Queues {@code messages} persistently; returns once the broker has committed them, else throws
     * ({@link BrokerUnavailableException} when the broker is stalled and nothing was sent).
     */
    public void send(List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        requireAvailable();
        Pending pending = new Pending(messages);
        if (!enqueue(pending)) {
            throw new IllegalStateException("the gateway is stopping; nothing was queued");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.done.get(stallAfterNanos, TimeUnit.NANOSECONDS);
                    return;
                } catch (TimeoutException e) {
                    // still waiting: give up our turn if the broker is stuck and the sender has not taken us yet
                    Duration stalled = stalledFor();
                    if (!stalled.isZero() && queue.remove(pending)) {
                        throw refused(stalled);
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the broker's outcome decides what was queued: wait for it
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause
                            : new IllegalStateException("could not queue on the broker", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How long the open broker transaction has been waiting, if longer than {@code stallAfter}; else zero. */
    public Duration stalledFor() {
        long since = openSince;
        long open = since == 0 ? 0 : System.nanoTime() - since;
        return open >= stallAfterNanos ? Duration.ofNanos(open) : Duration.ZERO;
    }

    /** Throws {@link BrokerUnavailableException} while the broker is stalled. */
    public void requireAvailable() {
        Duration stalled = stalledFor();
        if (!stalled.isZero()) {
            throw refused(stalled);
        }
    }

    private BrokerUnavailableException refused(Duration stalled) {
        if (stallReported.compareAndSet(false, true)) {
            log.warn("the broker has not finished a transaction for {} s; new messages are refused until it does",
                    stalled.toSeconds());
        }
        return new BrokerUnavailableException("the broker has not finished a transaction for "
                + stalled.toSeconds() + " s");
    }

    /** Under the lock {@link #stop} takes, so nothing is queued after the sender's last look at the queue. */
    private synchronized boolean enqueue(Pending pending) {
        return !stopping && queue.add(pending);
    }

    private void sendLoop() {
        List<Pending> callers = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                callers.add(first);
                queue.drainTo(callers, maxCallers - 1);
                commit(callers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                callers.clear();
            }
        }
        close();
    }

    private void commit(List<Pending> callers) {
        openSince = System.nanoTime() | 1; // never 0, which means "none open"
        RuntimeException failure = null;
        try {
            int count;
            try {
                count = sendAndCommit(callers);
            } catch (NotCommitted e) {
                // Failed before the commit, so nothing of it is stored: the session had gone stale (an external
                // broker restarted since the last batch). Once more on a new session.
                log.debug("broker session gone stale, sending on a new one: {}", e.getCause().toString());
                close();
                count = sendAndCommit(callers);
            }
            messagesPerCommit.record(count);
        } catch (NotCommitted | JMSException | RuntimeException | Error e) {
            // the sender must survive anything: every caller is waiting for an answer
            Throwable cause = e instanceof NotCommitted ? e.getCause() : e;
            log.warn("broker transaction failed: {}", cause.toString());
            close();
            failure = cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("could not queue on the broker", cause);
        } finally {
            openSince = 0;
            if (stallReported.compareAndSet(true, false)) {
                log.info("the broker finished the stalled transaction; messages are taken again");
            }
        }
        // answered once the transaction no longer counts as open, so no caller sees a stall that is over
        for (Pending caller : callers) {
            if (failure == null) {
                caller.done.complete(null);
            } else {
                caller.done.completeExceptionally(failure);
            }
        }
    }

    /** Sends every caller's messages and commits; returns how many. */
    private int sendAndCommit(List<Pending> callers) throws NotCommitted, JMSException {
        int count = 0;
        Session open;
        try {
            open = session();
            for (Pending caller : callers) {
                for (Outgoing outgoing : caller.messages) {
                    outgoing.sendWith(open, producer);
                    count++;
                }
            }
        } catch (JMSException | RuntimeException e) {
            throw new NotCommitted(e);
        }
        open.commit(); // a failure here leaves the outcome unknown: no second try
        return count;
    }

    /** A transaction that failed before its commit: the broker stored none of it. */
    private static final class NotCommitted extends Exception {
        NotCommitted(Exception cause) {
            super(cause);
        }
    }

    private Session session() throws JMSException {
        if (session == null) {
            connection = factory.createConnection();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(null);
        }
        return session;
    }

    /** Drops the session; a rollback is implied by closing it. The next batch opens a new one. */
    private void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException e) {
            log.debug("closing the group-send connection: {}", e.toString());
        } finally {
            connection = null;
            session = null;
            producer = null;
        }
    }

    /** Lets the messages already waiting go out; later callers are refused. */
    @PreDestroy
    void stop() throws InterruptedException {
        synchronized (this) {
            stopping = true;
        }
        sender.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static final class Pending {
        final List<Outgoing> messages;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Pending(List<Outgoing> messages) {
            this.messages = messages;
        }
    }
}
