package io.wagateway.connector.cloudapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.StatusMap;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.Pricing;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Cloud API webhook body ({@code object / entry[] / changes[] / value}) into canonical events, in the order
 * they appear. A {@code messages} change carries receipts ({@code statuses[]}), inbound messages and contact changes
 * ({@code messages[]}, see {@link InboundMessages}) and account-level errors ({@code errors[]}); the other fields
 * Meta sends become notices (see {@link AccountNotices}) or, when unknown, are skipped with a DEBUG log. Unknown keys
 * are ignored and any part may be missing, since Meta batches freely and adds fields often.
 */
public final class CloudApiWebhookParser {

    private static final Logger log = LoggerFactory.getLogger(CloudApiWebhookParser.class);

    private static final MessageError FAILED_WITHOUT_ERROR =
            new MessageError(ErrorCategory.UNKNOWN, null, "Failed without an error code", null, false);

    private final ObjectMapper mapper;
    private final ErrorCatalogue errors;
    private final StatusMap statuses;
    private final InboundMessages inbound;
    private final AccountNotices notices;

    public CloudApiWebhookParser(ObjectMapper mapper, ErrorCatalogue errors, StatusMap statuses) {
        this(mapper, errors, statuses, Clock.systemUTC());
    }

    /** {@code clock} dates the facts that carry no time of their own ({@code value.errors[]}, notices without one). */
    public CloudApiWebhookParser(ObjectMapper mapper, ErrorCatalogue errors, StatusMap statuses, Clock clock) {
        this.mapper = mapper;
        this.errors = errors;
        this.statuses = statuses;
        this.inbound = new InboundMessages(new InboundContents(mapper, errors));
        this.notices = new AccountNotices(errors, clock);
    }

    /**
     * The events in a webhook body, in the order they appear.
     *
     * @throws MalformedWebhookException if the body is not a JSON object
     */
    public List<ProviderEvent> parse(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedWebhookException("webhook body is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhookException("webhook body is not a JSON object", null);
        }
        List<ProviderEvent> events = new ArrayList<>();
        for (JsonNode entry : Json.array(root.get("entry"))) {
            for (JsonNode change : Json.array(entry.get("changes"))) {
                String field = Json.text(change.get("field"));
                JsonNode value = change.path("value");
                if ("messages".equals(field)) {
                    readMessagesValue(entry, value, events);
                } else if (field == null || !value.isObject()) {
                    log.debug("skipped a webhook change without a field or value");
                } else {
                    ProviderEvent.Notice notice = notices.field(field, entry, value);
                    if (notice != null) {
                        events.add(notice);
                    } else {
                        log.debug("skipped a webhook change with field '{}'", field);
                    }
                }
            }
        }
        return events;
    }

    private void readMessagesValue(JsonNode entry, JsonNode value, List<ProviderEvent> events) {
        for (JsonNode status : Json.array(value.get("statuses"))) {
            ProviderEvent.Receipt receipt = receipt(status);
            if (receipt != null) {
                events.add(receipt);
            }
        }
        inbound.read(value, events);
        notices.valueErrors(value, Json.text(entry.get("id")), events);
    }

    private ProviderEvent.Receipt receipt(JsonNode status) {
        // wamids embed the recipient's number, so logs name our own id (biz_opaque_callback_data) instead
        String id = Json.text(status.get("id"));
        String word = Json.text(status.get("status"));
        String gatewayId = Json.text(status.get("biz_opaque_callback_data"));
        if (id == null) {
            log.warn("skipped a '{}' status without an id (gateway message {})", word, gatewayId);
            return null;
        }
        StatusMap.Mapping mapping = statuses.map(word);
        if (mapping instanceof StatusMap.Mapping.Ignored) {
            log.debug("ignored a '{}' status (gateway message {})", word, gatewayId);
            return null;
        }
        if (!(mapping instanceof StatusMap.Mapping.To to)) {
            log.info("skipped unknown status word '{}' (gateway message {})", word, gatewayId);
            return null;
        }
        MessageError error = error(status.path("errors").path(0));
        if (error == null && to.status() == MessageStatus.FAILED) {
            error = FAILED_WITHOUT_ERROR;
        }
        // lower case keeps the dedupe key stable whatever case a Cloud-API BSP uses
        return new ProviderEvent.Receipt(id, gatewayId, to.status(), word.strip().toLowerCase(Locale.ROOT),
                Json.instant(status.get("timestamp")), error, pricing(status.get("pricing")),
                Json.text(status.get("recipient_id")), Json.text(status.get("recipient_user_id")),
                Json.text(status.get("recipient_identity_key_hash")));
    }

    private MessageError error(JsonNode error) {
        if (!error.isObject()) {
            return null;
        }
        String title = Json.text(error.get("title"));
        return errors.error(Json.text(error.get("code")), title != null ? title : Json.text(error.get("message")),
                Json.text(error.path("error_data").get("details")));
    }

    private static Pricing pricing(JsonNode pricing) {
        if (pricing == null || !pricing.isObject()) {
            return null;
        }
        return new Pricing(Json.bool(pricing.get("billable")), Json.text(pricing.get("category")),
                Json.text(pricing.get("pricing_model")), Json.text(pricing.get("type")));
    }
}
