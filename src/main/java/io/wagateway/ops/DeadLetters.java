package io.wagateway.ops;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The broker's dead-letter queue, for operators. Provider failures never end here (the dispatcher fails a message
 * with its error and an event); what does is work the gateway itself could not finish after all redeliveries,
 * e.g. while its database was down. Nothing sits there silently: a non-empty DLQ is logged every minute.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    static final String DLQ = "DLQ";
    /** Artemis records where a dead letter came from. */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";

    /** One dead letter: its JMS id, where it came from, how often it was tried, and its body (an id or a batch). */
    public record Entry(String jmsMessageId, String originalAddress, int deliveries, String body) {}

    private final ConnectionFactory factory;

    public DeadLetters(ConnectionFactory factory) {
        this.factory = factory;
    }

    public List<Entry> list(int limit) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            List<Entry> entries = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(DLQ))) {
                for (Object item : Collections.list(browser.getEnumeration())) {
                    if (entries.size() >= limit) {
                        break;
                    }
                    Message message = (Message) item;
                    entries.add(new Entry(message.getJMSMessageID(), message.getStringProperty(ORIGINAL_ADDRESS),
                            message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount")
                                    : 0, message instanceof TextMessage text ? text.getText() : null));
                }
            }
            return entries;
        }
    }

    /** Moves one dead letter back to the queue it came from, in one transaction. */
    public Optional<String> redrive(String jmsMessageId) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            connection.start();
            String selector = "JMSMessageID = '" + jmsMessageId.replace("'", "''") + "'";
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(DLQ), selector)) {
                Message message = consumer.receive(2000);
                if (message == null) {
                    session.rollback();
                    return Optional.empty();
                }
                String target = message.getStringProperty(ORIGINAL_ADDRESS);
                if (target == null) {
                    session.rollback();
                    throw new IllegalStateException("dead letter " + jmsMessageId + " has no original address");
                }
                try (MessageProducer producer = session.createProducer(session.createQueue(target))) {
                    producer.send(message);
                }
                session.commit();
                log.info("dead letter {} re-driven to {}", jmsMessageId, target);
                return Optional.of(target);
            }
        }
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void warnIfAny() throws JMSException {
        int waiting = list(1000).size();
        if (waiting > 0) {
            log.warn("{} dead letters wait in {}; see GET /ops/dead-letters", waiting, DLQ);
        }
    }
}
