package io.wagateway.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Subscribes to the events address like a reporting system and keeps what arrives, with its JMS properties. */
final class EventCollector implements AutoCloseable {

    record Received(JsonNode event, String type, String app, String sender, String status) {}

    private final Connection connection;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> schemaViolations = new CopyOnWriteArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    EventCollector(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createTopic("whatsapp.events")).setMessageListener(message -> {
            try {
                JsonNode event = mapper.readTree(((TextMessage) message).getText());
                EventSchema.violations(event).forEach(v -> schemaViolations.add(v + " in " + event));
                received.add(new Received(event,
                        message.getStringProperty("type"), message.getStringProperty("app"),
                        message.getStringProperty("sender"), message.getStringProperty("status")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
    }

    /** Every event must match docs/event.schema.json; tests assert this is empty. */
    List<String> schemaViolations() {
        return schemaViolations;
    }

    List<Received> all() {
        return received;
    }

    List<Received> forMessage(String messageId) {
        return received.stream().filter(r -> messageId.equals(r.event().path("message").path("id").asText()))
                .toList();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
