package io.wagateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.wagateway.broker.BrokerSettings;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.pipeline.ReceiptConsumers;
import io.wagateway.pipeline.WebhookBatch;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The receipt consumers take what has queued up for their message groups in one broker transaction, apply it in
 * order; when that fails the broker redelivers each webhook to be applied on its own, and a receipt that came before
 * its send response waits on the queue without holding up the rest.
 */
class ReceiptConsumersTest extends E2eTestBase {

    @Autowired
    ReceiptConsumers receiptConsumers;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper mapper;

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
        // (recorded just after the broker commit that published the events, so it may lag them a moment)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(perTransaction.count() - transactionsBefore).isEqualTo(1);
            assertThat(perTransaction.totalAmount() - webhooksBefore).isEqualTo(3.0);
        });
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

        // the event, not the status: the status is readable once the ledger commits, the event once the broker does
        await().atMost(Duration.ofSeconds(20)).until(() -> statusEvents(id).contains("DELIVERED"));
        assertThat(status(id)).isEqualTo("DELIVERED");
        assertThat(meters.get("gateway.receipts.rollbacks").counter().count()).isGreaterThan(rollbacksBefore);
        assertThat(statusEvents(id)).containsOnlyOnce("DELIVERED");
        removeThePoison();
    }

    @Test
    void aReceiptBeforeItsSendResponseWaitsWithoutHoldingUpTheWebhookTakenWithIt() throws Exception {
        String known = submitted("+447911123478");
        double rollbacksBefore = meters.get("gateway.receipts.rollbacks").counter().count();
        double waitingBefore = meters.get("gateway.receipts.waiting").counter().count();

        camel.getRouteController().stopRoute("dispatch");
        String early;
        try {
            early = gateway.send("shop-key", GatewayFlowTest.text("+447911123479", "not sent yet")).json().get("id")
                    .asText();
            receiptConsumers.stop();
            try {
                long now = Instant.now().getEpochSecond();
                // the early receipt first: before, it sent the whole transaction back to the broker
                for (String wamid : List.of("wamid.T-" + early, "wamid.T-" + known)) {
                    String body = MetaStub.statusWebhook(wamid, "delivered", now, null);
                    assertThat(gateway.webhook("meta-test", body, MetaStub.sign(body)).status()).isEqualTo(200);
                }
                intoOneMessageGroup(2);
            } finally {
                receiptConsumers.start();
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> statusEvents(known).contains("DELIVERED"));
            assertThat(meters.get("gateway.receipts.rollbacks").counter().count()).isEqualTo(rollbacksBefore);
            assertThat(meters.get("gateway.receipts.waiting").counter().count()).isGreaterThan(waitingBefore);
            assertThat(status(early)).isEqualTo("ACCEPTED");
        } finally {
            camel.getRouteController().startRoute("dispatch");
        }

        // the waiting receipt is applied once the send response is recorded
        await().atMost(Duration.ofSeconds(30)).until(() -> statusEvents(early).contains("DELIVERED"));
        assertThat(status(early)).isEqualTo("DELIVERED");
        assertThat(statusEvents(early)).containsOnlyOnce("DELIVERED");
        assertThat(statusEvents(known)).containsOnlyOnce("DELIVERED");
    }

    @Test
    void aTransactionStopsGrowingOnceItHoldsAboutAMebibyteOfQueuedText() throws Exception {
        DistributionSummary perTransaction = meters.get("gateway.receipts.transaction.webhooks").summary();
        long transactionsBefore = perTransaction.count();
        double webhooksBefore = perTransaction.totalAmount();

        receiptConsumers.stop();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(BrokerSettings.RECEIPTS_QUEUE));
            // three large webhooks of one message group: the first two pass the cap together, the third is left
            for (String code : List.of("large-1", "large-2", "large-3")) {
                ProviderEvent.Notice notice = new ProviderEvent.Notice("connector.error", null, Instant.now(), code,
                        "a large notice", "x".repeat(600_000), Map.of());
                TextMessage queued = session.createTextMessage(
                        mapper.writeValueAsString(new WebhookBatch("meta-test", Instant.now(), List.of(notice))));
                queued.setStringProperty("JMSXGroupID", "receipts|meta-test|large");
                producer.send(queued, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
            }
            session.commit();
        } finally {
            receiptConsumers.start();
        }

        // three webhooks in two transactions: webhooks less transactions is 1 (in one transaction it would be 2);
        // a transaction of another test's single receipt retried meanwhile would add 1 to both
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(events.all().stream()
                    .filter(e -> e.event().path("notice").path("code").asText().startsWith("large-"))).hasSize(3);
            double webhooks = perTransaction.totalAmount() - webhooksBefore;
            long transactions = perTransaction.count() - transactionsBefore;
            assertThat(webhooks - transactions).isEqualTo(1.0);
        });
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

    /** Moves the queued webhooks, in their order, into one message group, so one consumer takes them together. */
    private void intoOneMessageGroup(int expected) throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerSettings.RECEIPTS_QUEUE));
            MessageProducer producer = session.createProducer(session.createQueue(BrokerSettings.RECEIPTS_QUEUE));
            for (int i = 0; i < expected; i++) {
                TextMessage queued = (TextMessage) consumer.receive(Duration.ofSeconds(5).toMillis());
                assertThat(queued).isNotNull();
                TextMessage moved = session.createTextMessage(queued.getText());
                moved.setStringProperty("JMSXGroupID", "receipts|meta-test|one-group");
                producer.send(moved, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
            }
            assertThat(consumer.receiveNoWait()).isNull();
            session.commit();
        }
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
