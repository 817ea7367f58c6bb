package io.wagateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.api.HttpExchange;
import io.wagateway.connector.Connector;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.pipeline.ConnectorRegistry;
import io.wagateway.pipeline.WebhookBatch;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /webhooks/{connectorId}}: hands the raw call to its connector, and puts what it carried on the durable
 * receipts queue. The route (routes/webhooks.yaml) replies only after that, so a 200 means stored.
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

    public WebhookIntake(ConnectorRegistry registry, ObjectMapper mapper, MeterRegistry meters) {
        this.registry = registry;
        this.mapper = mapper;
        this.meters = meters;
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
        byte[] body = body(exchange);
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
            exchange.getIn().removeHeaders("*");
            exchange.getIn().setBody(batchJson(connectorId, result));
        }
    }

    public void reply(Exchange exchange) {
        WebhookResult result = exchange.getProperty(RESULT, WebhookResult.class);
        HttpExchange.reply(exchange, result.httpStatus(), result.contentType(), result.body(), Map.of());
    }

    private String batchJson(String connectorId, WebhookResult result) throws JsonProcessingException {
        return mapper.writeValueAsString(new WebhookBatch(connectorId, Instant.now(), result.events()));
    }

    private static byte[] body(Exchange exchange) throws IOException {
        Object body = exchange.getIn().getBody();
        if (body instanceof InputStream in) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : bytes;
        }
        byte[] bytes = exchange.getIn().getBody(byte[].class);
        if (bytes == null) {
            return new byte[0];
        }
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
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
