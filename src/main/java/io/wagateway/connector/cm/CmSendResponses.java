package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.RetryAfter;
import io.wagateway.connector.SendOutcome;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads CM's answer to {@code POST /v1.0/message} (providers/cm-api.md section 2). CM answers per message
 * ({@code messages[]}: Accepted or Rejected with {@code messageErrorCode}) and for the request ({@code errorCode});
 * the entry for our reference decides, the request code speaks when there is none, and the HTTP status only when
 * CM gave no code at all. CM returns no message id: our reference is the provider id.
 */
final class CmSendResponses {

    /** Catalogue rows for conditions without a CM code (see {@code connectors/cm/errors.csv}). */
    static final String HTTP_429 = "http-429";
    static final String HTTP_5XX = "http-5xx";
    static final String HTTP_401 = "http-401";
    static final String HTTP_403 = "http-403";
    static final String HTTP_4XX = "http-4xx";
    static final String HTTP_3XX = "http-3xx";
    static final String TIMEOUT = "timeout";
    static final String NETWORK = "network";
    static final String UNREADABLE_RESPONSE = "unreadable-response";
    static final String REJECTED = "rejected";

    /** What the body says: the request's code and summary, and the entry for our message if there is one. */
    private record Body(String code, String details, JsonNode entry) {}

    private final ObjectMapper mapper;
    private final ErrorCatalogue errors;

    CmSendResponses(ObjectMapper mapper, ErrorCatalogue errors) {
        this.mapper = mapper;
        this.errors = errors;
    }

    SendOutcome outcome(CmHttp.Answer answer, String reference, Instant now) {
        int status = answer.status();
        Duration retryAfter = RetryAfter.parse(answer.retryAfter(), now);
        Optional<Body> body = read(answer.body(), reference);
        if (status == 429) {
            // whatever the body says, throttling is never permanent
            MessageError e = body.map(CmSendResponses::codeOf).filter(c -> !isOk(c))
                    .map(c -> errors.error(c, null, body.get().details()))
                    .orElseGet(() -> errors.error(HTTP_429, null, "HTTP 429 from CM"));
            return new SendOutcome.Failed(new MessageError(ErrorCategory.RATE_LIMITED, e.code(), e.title(),
                    e.detail(), true), retryAfter);
        }
        if (body.isEmpty()) {
            return status >= 200 && status < 300
                    // CM may have taken it: resending could duplicate, so a person looks instead
                    ? failed(UNREADABLE_RESPONSE, "HTTP " + status + " without a readable CM answer", null)
                    : failed(statusRow(status), "HTTP " + status + " without a CM error code", retryAfter);
        }
        Body b = body.get();
        if (b.entry() != null) {
            return entryOutcome(b, reference, status, retryAfter);
        }
        if (isOk(b.code())) {
            if (b.code() != null && status >= 200 && status < 300) {
                return new SendOutcome.Submitted(reference, "accepted", null);
            }
            return status >= 200 && status < 300
                    ? failed(UNREADABLE_RESPONSE, "HTTP " + status + " without a result for the message", null)
                    : failed(statusRow(status), "HTTP " + status + " without a CM error code", retryAfter);
        }
        return new SendOutcome.Failed(codeError(b.code(), b.details(), status), retryAfter);
    }

    private SendOutcome entryOutcome(Body b, String reference, int status, Duration retryAfter) {
        JsonNode entry = b.entry();
        String word = CmJson.text(CmJson.field(entry, "status"));
        String code = CmJson.text(CmJson.field(entry, "messageErrorCode"));
        boolean accepted = word != null ? word.equalsIgnoreCase("accepted") : isOk(code) && code != null;
        if (accepted) {
            return new SendOutcome.Submitted(reference, "accepted", null);
        }
        String detail = CmJson.text(CmJson.field(entry, "messageDetails"));
        if (isOk(code)) {
            // older responses have no per-message code; the request's code may still say why
            code = !isOk(b.code()) && !"201".equals(b.code()) ? b.code() : null;
        }
        if (code == null) {
            return failed(REJECTED, detail != null ? detail : b.details(), retryAfter);
        }
        return new SendOutcome.Failed(codeError(code, detail != null ? detail : b.details(), status), retryAfter);
    }

    /** A CM code: its catalogue row; an unknown one borrows the HTTP status's row and keeps the raw code. */
    private MessageError codeError(String code, String detail, int status) {
        Optional<ErrorCatalogue.Entry> known = errors.find(code);
        if (known.isPresent()) {
            return known.get().error(code, null, detail);
        }
        if (status >= 500 || status == 401 || status == 403) {
            return errors.lookup(statusRow(status)).error(code, null, detail);
        }
        return errors.error(code, "Unknown CM error code", detail);
    }

    private SendOutcome.Failed failed(String row, String detail, Duration retryAfter) {
        return new SendOutcome.Failed(errors.error(row, null, detail), retryAfter);
    }

    private static String statusRow(int status) {
        if (status >= 500) {
            return HTTP_5XX;
        }
        if (status == 401) {
            return HTTP_401;
        }
        if (status == 403) {
            return HTTP_403;
        }
        return status >= 400 ? HTTP_4XX : HTTP_3XX;
    }

    private static String codeOf(Body body) {
        String entryCode = body.entry() == null ? null
                : CmJson.text(CmJson.field(body.entry(), "messageErrorCode"));
        return !isOk(entryCode) ? entryCode : body.code();
    }

    private static boolean isOk(String code) {
        return code == null || code.equals("0");
    }

    /** The body as CM's answer; empty when it is not a JSON object with any of CM's fields. */
    private Optional<Body> read(String text, String reference) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode messages = CmJson.field(root, "messages");
        String code = CmJson.text(CmJson.field(root, "errorCode"));
        if (code == null && messages.isMissingNode() && CmJson.field(root, "details").isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new Body(code, CmJson.text(CmJson.field(root, "details")), entry(messages, reference)));
    }

    /** The entry for our reference; failing that the only entry, since we send one message to one recipient. */
    private static JsonNode entry(JsonNode messages, String reference) {
        List<JsonNode> entries = CmJson.elements(messages).stream().filter(JsonNode::isObject).toList();
        for (JsonNode entry : entries) {
            if (reference.equalsIgnoreCase(String.valueOf(CmJson.text(CmJson.field(entry, "reference"))))) {
                return entry;
            }
        }
        return entries.size() == 1 ? entries.get(0) : null;
    }
}
