package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an authenticated call to a CM connector's webhook. CM posts status reports (JSON or XML) and inbound
 * messages (JSON) to whatever URLs the customer registered, possibly the same one, so the body's shape decides:
 * {@code messages} means status reports, {@code from}/{@code message} an inbound message. Legacy status callbacks
 * come as GET with query parameters (or a form post). Unreadable bodies get 400; readable ones that carry nothing
 * for us get 200, since CM would otherwise retry them for up to a month.
 */
final class CmWebhooks {

    private static final Logger log = LoggerFactory.getLogger(CmWebhooks.class);

    private final ObjectMapper mapper;
    private final CmReceipts receipts;
    private final CmInbound inbound;

    CmWebhooks(ObjectMapper mapper, CmReceipts receipts, CmInbound inbound) {
        this.mapper = mapper;
        this.receipts = receipts;
        this.inbound = inbound;
    }

    WebhookResult handle(WebhookRequest request, String connectorId) {
        String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
        byte[] body = request.body() == null ? new byte[0] : request.body();
        Map<String, String> query = request.query() == null ? Map.of() : request.query();
        try {
            return switch (method) {
                case "GET" -> parameters(query, connectorId);
                case "POST" -> post(request, body, query, connectorId);
                default -> WebhookResult.refused(405, "method not allowed");
            };
        } catch (CmWebhookException e) {
            log.warn("webhook for {} refused: {}", connectorId, e.getMessage());
            return WebhookResult.refused(400, "malformed body");
        }
    }

    private WebhookResult post(WebhookRequest request, byte[] body, Map<String, String> query, String connectorId) {
        String contentType = request.headers() == null ? null : request.header("content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return parameters(form(body), connectorId);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
            if (CmStatusReports.fromParameters(query) != null) {
                return parameters(query, connectorId);
            }
            throw new CmWebhookException("empty body");
        }
        if (text.startsWith("<")) {
            return ok(receipts(CmStatusReports.fromXml(text.getBytes(StandardCharsets.UTF_8)), body), connectorId);
        }
        return json(body, connectorId);
    }

    private WebhookResult json(byte[] body, String connectorId) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new CmWebhookException("body is neither JSON nor XML");
        }
        if (root == null || !root.isObject()) {
            throw new CmWebhookException("body is not a JSON object");
        }
        if (!CmJson.field(root, "messages").isMissingNode()) {
            return ok(receipts(CmStatusReports.fromJson(root), body), connectorId);
        }
        if (!CmJson.field(root, "from").isMissingNode() || !CmJson.field(root, "message").isMissingNode()) {
            return ok(inbound.read(root, body).<List<ProviderEvent>>map(List::of).orElse(List.of()), connectorId);
        }
        // e.g. CM's separate events webhook (Instagram, Push, ...), which carries nothing WhatsApp statuses need
        log.info("webhook for {}: body of no known CM shape ignored: {}", connectorId, CmRedaction.body(body));
        return WebhookResult.ok(List.of());
    }

    private WebhookResult parameters(Map<String, String> parameters, String connectorId) {
        CmStatusReports.Report report = CmStatusReports.fromParameters(parameters);
        if (report == null) {
            log.debug("webhook for {}: a call without status parameters (a URL check?) answered OK", connectorId);
            return WebhookResult.ok(List.of());
        }
        Map<String, String> shown = new TreeMap<>(parameters);
        shown.remove(CmWebhookAuth.QUERY_PARAMETER);
        List<ProviderEvent> events = new ArrayList<>();
        receipts.receipt(report, () -> CmRedaction.body(shown.toString())).ifPresent(events::add);
        return ok(events, connectorId);
    }

    private List<ProviderEvent> receipts(List<CmStatusReports.Report> reports, byte[] body) {
        List<ProviderEvent> events = new ArrayList<>();
        for (CmStatusReports.Report report : reports) {
            receipts.receipt(report, () -> CmRedaction.body(body)).ifPresent(events::add);
        }
        return events;
    }

    private static WebhookResult ok(List<ProviderEvent> events, String connectorId) {
        log.debug("webhook for {}: {} event(s)", connectorId, events.size());
        return WebhookResult.ok(events);
    }

    /** An {@code application/x-www-form-urlencoded} body; the first value of a repeated name wins. */
    private static Map<String, String> form(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(name.strip(), value);
            } catch (IllegalArgumentException e) {
                throw new CmWebhookException("form body is not URL-encoded");
            }
        }
        return values;
    }
}
