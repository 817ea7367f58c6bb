package io.wagateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.api.HttpExchange;
import io.wagateway.broker.BrokerAvailability;
import io.wagateway.broker.BrokerSettings;
import io.wagateway.broker.GroupSend;
import io.wagateway.connector.Connector;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.pipeline.ConnectorRegistry;
import io.wagateway.pipeline.WebhookBatch;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code /webhooks/{connectorId}}: hands the raw call to its connector ({@link #handle}), and puts what it carried on
 * the durable receipts queue ({@link #enqueue}). The route (routes/webhooks.yaml) replies only after that, so a 200
 * means stored.
 */
@Component("webhookIntake")
public class WebhookIntake {

    /** Exchange property: the connector's verdict, replied by {@link #reply}. */
    public static final String RESULT = "gwWebhookResult";
    /** Exchange property: true when there are facts to queue. */
    public static final String HAS_EVENTS = "gwHasEvents";

    /** Meta posts up to 3 MB; anything far beyond is not a provider webhook. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final ConnectorRegistry registry;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final GroupSend groupSend;
    private final BrokerAvailability broker;
    private final int partitions;

    public WebhookIntake(ConnectorRegistry registry, ObjectMapper mapper, MeterRegistry meters, GroupSend groupSend,
                         BrokerAvailability broker,
                         @Value("${gateway.receipts.partitions:${gateway.receipts.concurrent-consumers:8}}")
                         int partitions) {
        this.registry = registry;
        this.mapper = mapper;
        this.meters = meters;
        this.groupSend = groupSend;
        this.broker = broker;
        this.partitions = Math.max(1, partitions);
    }

    public void handle(Exchange exchange) throws IOException {
        String connectorId = exchange.getIn().getHeader("connectorId", String.class);
        ConnectorInstance instance = registry.instance(connectorId).orElse(null);
        Connector connector = instance == null ? null : registry.connector(instance).orElse(null);
        if (connector == null) {
            exchange.setProperty(RESULT, WebhookResult.refused(404, "unknown connector"));
            return;
        }
        HttpServletRequest http = HttpExchange.request(exchange);
        if ("HEAD".equals(http.getMethod())) {
            // providers (Webex Connect) probe the URL before saving it; a probe carries nothing
            exchange.setProperty(RESULT, WebhookResult.reply(200, "text/plain", ""));
            return;
        }
        byte[] body = HttpExchange.body(exchange, MAX_BODY_BYTES);
        if (body == null) {
            exchange.setProperty(RESULT, WebhookResult.refused(413, "body too large"));
            return;
        }
        WebhookResult result = connector.handleWebhook(
                new WebhookRequest(http.getMethod(), headers(http), query(http), body), instance);
        exchange.setProperty(RESULT, result);
        meters.counter("gateway.webhooks", "connector", connectorId, "accepted", String.valueOf(result.accepted()))
                .increment();
        if (result.accepted() && !result.events().isEmpty()) {
            meters.counter("gateway.webhook.facts", "connector", connectorId).increment(result.events().size());
            exchange.setProperty(HAS_EVENTS, true);
            exchange.getIn().setBody(parts(connectorId, result));
        }
    }

    /** Queues what {@link #handle} found, in a broker commit shared with other requests; returns once stored. */
    @SuppressWarnings("unchecked")
    public void enqueue(Exchange exchange) {
        broker.requireAvailable();
        groupSend.send(exchange.getIn().getBody(List.class));
    }

    public void reply(Exchange exchange) {
        WebhookResult result = exchange.getProperty(RESULT, WebhookResult.class);
        HttpExchange.reply(exchange, result.httpStatus(), result.contentType(), result.body(), Map.of());
    }

    /**
     * Splits a webhook's facts into ordering groups (JMS message groups on the receipts queue), one queued message
     * per group: all facts about one message, or from one contact, land in the same group and are processed one
     * after the other, in the order they arrived. So a message's status events are published in the order its
     * receipts were applied, while different groups are processed in parallel. As many groups as receipt consumers:
     * more would cut Meta's batched webhooks into small units (32 groups halved the benchmark's end-to-end rate).
     */
    List<GroupSend.Outgoing> parts(String connectorId, WebhookResult result) throws JsonProcessingException {
        Map<Integer, List<ProviderEvent>> byPartition = new TreeMap<>();
        for (ProviderEvent event : result.events()) {
            int partition = Math.floorMod(orderingKey(event).hashCode(), partitions);
            byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(event);
        }
        Instant now = Instant.now();
        List<GroupSend.Outgoing> parts = new ArrayList<>();
        for (Map.Entry<Integer, List<ProviderEvent>> entry : byPartition.entrySet()) {
            parts.add(new GroupSend.Outgoing(BrokerSettings.RECEIPTS_QUEUE,
                    mapper.writeValueAsString(new WebhookBatch(connectorId, now, entry.getValue())),
                    "receipts|" + connectorId + "|" + entry.getKey(), GroupSend.Outgoing.DEFAULT_PRIORITY));
        }
        return parts;
    }

    /** What a fact must stay in order with: its message for a receipt, its contact otherwise. */
    static String orderingKey(ProviderEvent event) {
        if (event instanceof ProviderEvent.Receipt receipt) {
            return receipt.messageKey();
        }
        if (event instanceof ProviderEvent.Inbound inbound) {
            return contactKey(inbound.from());
        }
        if (event instanceof ProviderEvent.ContactChange change) {
            return contactKey(change.contact());
        }
        return "notice";
    }

    private static String contactKey(ContactRef contact) {
        if (contact == null) {
            return "-";
        }
        return contact.waId() != null ? contact.waId() : contact.phone() != null ? contact.phone().replace("+", "")
                : String.valueOf(contact.userId());
    }

    private static Map<String, String> headers(HttpServletRequest http) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
        }
        return headers;
    }

    private static Map<String, String> query(HttpServletRequest http) {
        Map<String, String> query = new HashMap<>();
        http.getParameterMap().forEach((name, values) -> query.put(name, values.length > 0 ? values[0] : ""));
        return query;
    }
}
