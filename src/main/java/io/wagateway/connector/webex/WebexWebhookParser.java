package io.wagateway.connector.webex;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.wagateway.connector.ProviderEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one outbound-webhook body: a delivery receipt ({@code deliveryInfoNotification}) or an app event
 * ({@code event}). A JSON array of such objects is read too. Unknown shapes are skipped, not refused: Webex adds
 * fields and events over time.
 */
final class WebexWebhookParser {

    private static final Logger log = LoggerFactory.getLogger(WebexWebhookParser.class);

    /** The body is not JSON we can read; the caller answers 400, which Webex does not retry. */
    static final class MalformedBody extends RuntimeException {
        MalformedBody(String message) {
            super(message, null, false, false);
        }
    }

    private final ObjectReader reader;
    private final ReceiptReader receipts;
    private final InboundReader inbound;

    WebexWebhookParser(ObjectMapper mapper, ReceiptReader receipts, InboundReader inbound) {
        // Webex's own samples carry trailing commas; a body like that is still clearly meant
        this.reader = mapper.reader().with(JsonReadFeature.ALLOW_TRAILING_COMMA);
        this.receipts = receipts;
        this.inbound = inbound;
    }

    List<ProviderEvent> parse(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : reader.readTree(body);
        } catch (IOException e) {
            throw new MalformedBody("webhook body is not valid JSON");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new MalformedBody("webhook body is not a JSON object");
        }
        List<ProviderEvent> events = new ArrayList<>();
        for (JsonNode item : root.isArray() ? root : List.of(root)) {
            read(item, events);
        }
        return events;
    }

    private void read(JsonNode item, List<ProviderEvent> events) {
        JsonNode notification = item.path("deliveryInfoNotification");
        if (notification.isObject()) {
            ProviderEvent.Receipt receipt = receipts.read(notification);
            if (receipt != null) {
                events.add(receipt);
            }
        } else if (item.hasNonNull("event")) {
            events.addAll(inbound.read(item));
        } else {
            log.info("skipped a webhook item that is neither a receipt nor an event");
        }
    }
}
