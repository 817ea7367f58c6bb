package io.wagateway.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.wagateway.broker.BrokerSettings;
import io.wagateway.broker.GroupSend;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The receipt consumers: take queued webhooks off {@code whatsapp.receipts} and apply them, several per broker
 * transaction.
 *
 * <p>With one status per webhook (as some providers post) each webhook used to cost its own transaction: a receive,
 * a ledger unit, a broker commit that waits for the journal. Here a consumer takes what its message groups have
 * waiting (up to {@code batch-max} webhooks) and applies them in order as one ledger unit; their events are published
 * in the same broker transaction, which commits once. Ordering holds because the broker hands each message group to
 * one consumer, in order.
 *
 * <p>A failure rolls the whole transaction back and the broker redelivers every webhook in it. A redelivered webhook
 * ends the batch it comes in, and one that comes first is taken alone; so a webhook that always fails reaches the
 * dead-letter queue and holds up each other webhook at most once, on that one's first delivery. A receipt whose
 * message is not known yet is no failure: it is queued again, in the same transaction, for a delivery that backs
 * off like the broker's redelivery (1 s, doubling), while the rest of the batch commits.
 */
@Component
public class ReceiptConsumers {

    private static final Logger log = LoggerFactory.getLogger(ReceiptConsumers.class);

    /**
     * A transaction stops growing past this much queued text (a Meta webhook of 1,000 statuses is about half of it),
     * so one ledger unit stays of the size a single large webhook makes.
     */
    static final int MAX_CHARS_PER_TRANSACTION = 1 << 20;
    private static final long RECEIVE_TIMEOUT_MS = 500;
    /** On a webhook queued again: how many tries its receipts had before (JMSXDeliveryCount starts over). */
    static final String EARLIER_ATTEMPTS = "gwEarlierAttempts";
    private static final long FIRST_WAIT_MS = 1000;
    private static final long LONGEST_WAIT_MS = 60_000;

    private final ApplicationContext context;
    /** The receipt consumers' own, unless the broker is not Artemis: {@link BrokerSettings#withConsumerWindow}. */
    private final ConnectionFactory factory;
    private final ProviderEventProcessor processor;
    private final EventPublisher publisher;
    private final int consumers;
    private final int batchMax;
    private final DistributionSummary webhooksPerTransaction;
    private final Counter rolledBack;
    private final Counter queuedAgain;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public ReceiptConsumers(ApplicationContext context, ConnectionFactory factory, ProviderEventProcessor processor,
                            EventPublisher publisher, MeterRegistry meters,
                            @Value("${gateway.receipts.concurrent-consumers:8}") int consumers,
                            @Value("${gateway.receipts.batch-max:64}") int batchMax) {
        this.context = context;
        this.factory = BrokerSettings.withConsumerWindow(factory, BrokerSettings.RECEIPT_CONSUMER_WINDOW_BYTES);
        this.processor = processor;
        this.publisher = publisher;
        this.consumers = Math.max(1, consumers);
        this.batchMax = Math.max(1, batchMax);
        this.webhooksPerTransaction = DistributionSummary.builder("gateway.receipts.transaction.webhooks")
                .description("Queued webhooks applied in one receipt-consumer transaction").register(meters);
        this.rolledBack = Counter.builder("gateway.receipts.rollbacks")
                .description("Receipt-consumer transactions rolled back; the broker redelivers their webhooks")
                .register(meters);
        this.queuedAgain = Counter.builder("gateway.receipts.waiting")
                .description("Webhooks queued again because a receipt came before its message's send response")
                .register(meters);
    }

    /** Once the application is up. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < consumers; i++) {
            Thread thread = new Thread(this::consume, "receipts-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Before Camel and the database stop (they stop after this event): lets each consumer finish its transaction.
     * Whatever is left stays queued for the next start.
     */
    @EventListener
    public void stop(ContextClosedEvent closed) throws InterruptedException {
        if (closed.getApplicationContext() == context) { // not a child context (e.g. the management server's)
            stop();
            if (factory instanceof ActiveMQConnectionFactory own) { // a copy made for these consumers
                closeQuietly(own);
            }
        }
    }

    /** Stops taking webhooks once each consumer has finished its transaction; {@link #start} takes them again. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        threads.clear();
    }

    /** One consumer: its own connection and transacted session, opened again whenever the broker fails it. */
    private void consume() {
        Connection connection = null;
        boolean failing = false;
        while (running) {
            try {
                if (connection == null) {
                    connection = factory.createConnection();
                    connection.start();
                }
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerSettings.RECEIPTS_QUEUE));
                MessageProducer producer = session.createProducer(null);
                if (failing) {
                    log.info("receipt consumer has its broker session back");
                    failing = false;
                }
                while (running) {
                    List<ProviderEventProcessor.Queued> batch = take(consumer);
                    if (!batch.isEmpty()) {
                        apply(session, producer, batch);
                    }
                }
                session.close();
            } catch (JMSException | RuntimeException e) {
                // broker restarting, connection lost: the broker takes back what this session had received
                if (!failing) {
                    log.warn("receipt consumer lost its broker session: {}", e.toString());
                    failing = true;
                }
                closeQuietly(connection);
                connection = null;
                pause();
            }
        }
        closeQuietly(connection);
    }

    /** The next queued webhook, and while they are first deliveries, what else is waiting for this consumer. */
    private List<ProviderEventProcessor.Queued> take(MessageConsumer consumer) throws JMSException {
        List<ProviderEventProcessor.Queued> batch = new ArrayList<>();
        Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
        int chars = 0;
        while (message != null) {
            ProviderEventProcessor.Queued queued = queued(message);
            batch.add(queued);
            chars += queued.body().length();
            if (queued.redelivered() || batch.size() >= batchMax || chars >= MAX_CHARS_PER_TRANSACTION) {
                break;
            }
            message = consumer.receiveNoWait();
        }
        return batch;
    }

    private void apply(Session session, MessageProducer producer, List<ProviderEventProcessor.Queued> batch)
            throws JMSException {
        try {
            ProviderEventProcessor.Applied applied = processor.process(batch);
            for (GroupSend.Outgoing event : publisher.messages(applied.events())) {
                event.sendWith(session, producer);
            }
            for (ProviderEventProcessor.Queued waiting : applied.waiting()) {
                queueAgain(waiting).sendWith(session, producer);
                queuedAgain.increment();
                log.debug("receipts queued again to wait for their message (try {})", waiting.attempt());
            }
            session.commit();
            webhooksPerTransaction.record(batch.size());
        } catch (Exception e) {
            rolledBack.increment();
            // the exception's class only: a message may quote a phone number
            log.warn("applying {} queued webhooks failed ({}); the broker redelivers them",
                    batch.size(), e.getClass().getSimpleName());
            log.debug("receipts failure", e);
            session.rollback();
        }
    }

    /** Receipts that came before their message's send response, for another try after {@link #waitMillis}. */
    private static GroupSend.Outgoing queueAgain(ProviderEventProcessor.Queued waiting) {
        Map<String, Object> properties = new HashMap<>();
        if (waiting.group() != null) {
            properties.put("JMSXGroupID", waiting.group());
        }
        properties.put(EARLIER_ATTEMPTS, waiting.attempt());
        properties.put(Dispatcher.SCHEDULED_DELIVERY, System.currentTimeMillis() + waitMillis(waiting.attempt()));
        return new GroupSend.Outgoing(BrokerSettings.RECEIPTS_QUEUE, false, waiting.body(),
                GroupSend.Outgoing.DEFAULT_PRIORITY, properties);
    }

    /** 1 s after the first try, doubling, as the broker backs off its redeliveries. */
    static long waitMillis(int attempt) {
        return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS << Math.min(16, Math.max(0, attempt - 1)));
    }

    private static ProviderEventProcessor.Queued queued(Message message) throws JMSException {
        // anything but text fails to read in the transaction, like a malformed body, and so reaches the DLQ
        String body = message instanceof TextMessage text && text.getText() != null ? text.getText() : "";
        int deliveries = message.propertyExists("JMSXDeliveryCount")
                ? message.getIntProperty("JMSXDeliveryCount") : 1;
        int earlier = message.propertyExists(EARLIER_ATTEMPTS) ? message.getIntProperty(EARLIER_ATTEMPTS) : 0;
        return new ProviderEventProcessor.Queued(body, message.getJMSRedelivered(), earlier + deliveries,
                message.getStringProperty("JMSXGroupID"));
    }

    /** A receipt consumer's connection, or their factory at the end. */
    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            log.debug("closing the receipts' {}: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECEIVE_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
