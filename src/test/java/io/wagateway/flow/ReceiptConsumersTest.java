package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.wagateway.broker.BrokerSettings;
import io.wagateway.pipeline.ReceiptConsumers;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The receipt consumers take what has queued up for their message groups in one broker transaction, apply it in
 * order, and when that fails the broker redelivers each webhook to be applied on its own.
 */
class ReceiptConsumersTest extends E2eTestBase {

    @Autowired
    ReceiptConsumers receiptConsumers;
    @Autowired
    MeterRegistry meters;

    @Test
    void webhooksQueuedTogetherAreAppliedInOneTransactionInTheirOrder() throws Exception {
        String id = submitted("+447911123474");
        DistributionSummary perTransaction = meters.get("gateway.receipts.transaction.webhooks").summary();
        long transactionsBefore = perTransaction.count();
        double webhooksBefore = perTransaction.totalAmount();

        receiptConsumers.stop();
        try {
            long now = Instant.now().getEpochSecond();
            for (String[] status : new String[][] {{"sent", "0"}, {"delivered", "1"}, {"read", "2"}}) {
                String body = MetaStub.statusWebhook("wamid.T-" + id, status[0], now + Long.parseLong(status[1]),
                        null);
                assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(200);
            }
        } finally {
            receiptConsumers.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> statusEvents(id).contains("READ"));
        assertThat(statusEvents(id)).containsSubsequence("SENT", "DELIVERED", "READ")
                .doesNotHaveDuplicates();
        assertThat(status(id)).isEqualTo("READ");
        // the three webhooks of one message share a message group, so one consumer took them in one transaction
        assertThat(perTransaction.count() - transactionsBefore).isEqualTo(1);
        assertThat(perTransaction.totalAmount() - webhooksBefore).isEqualTo(3.0);
    }

    @Test
    void aWebhookThatFailsIsRedeliveredAloneAndTheOneTakenWithItIsApplied() throws Exception {
        String id = submitted("+447911123475");
        double rollbacksBefore = meters.get("gateway.receipts.rollbacks").counter().count();

        receiptConsumers.stop();
        try (Connection connection = connectionFactory.createConnection()) {
            String body = MetaStub.statusWebhook("wamid.T-" + id, "delivered", Instant.now().getEpochSecond(), null);
            assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(200);
            // a queued message that cannot be read, in the same message group, so one consumer takes both at once
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Message unreadable = session.createTextMessage("{not a webhook batch");
            unreadable.setStringProperty("JMSXGroupID", groupOfTheOnlyQueuedWebhook(session));
            unreadable.setBooleanProperty("poison", true);
            session.createProducer(session.createQueue(BrokerSettings.RECEIPTS_QUEUE))
                    .send(unreadable, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
            session.commit();
        } finally {
            receiptConsumers.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("DELIVERED"));
        assertThat(meters.get("gateway.receipts.rollbacks").counter().count()).isGreaterThan(rollbacksBefore);
        assertThat(statusEvents(id)).containsOnlyOnce("DELIVERED");
        removeThePoison();
    }

    private String submitted(String to) {
        String id = gateway.send("shop-key", GatewayFlowTest.text(to, "batched receipts")).json().get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("SUBMITTED"));
        return id;
    }

    private String groupOfTheOnlyQueuedWebhook(Session session) throws Exception {
        QueueBrowser browser = session.createBrowser(session.createQueue(BrokerSettings.RECEIPTS_QUEUE));
        List<?> queued = Collections.list(browser.getEnumeration());
        assertThat(queued).hasSize(1);
        return ((Message) queued.get(0)).getStringProperty("JMSXGroupID");
    }

    /** The unreadable message would otherwise be redelivered with backoff into the tests that follow. */
    private void removeThePoison() throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(
                    session.createQueue(BrokerSettings.RECEIPTS_QUEUE), "poison = true");
            receiptConsumers.stop();
            try {
                assertThat(consumer.receive(Duration.ofSeconds(70).toMillis())).isNotNull();
                session.commit();
            } finally {
                receiptConsumers.start();
            }
        }
    }

    private List<String> statusEvents(String id) {
        return events.forMessage(id).stream().map(EventCollector.Received::status).toList();
    }

    private String status(String id) {
        return gateway.get("shop-key", "/v1/messages/" + id).json().get("status").asText();
    }
}
