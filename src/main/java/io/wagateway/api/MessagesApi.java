package io.wagateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.wagateway.api.validation.SendRequest;
import io.wagateway.api.validation.SendRequestReader;
import io.wagateway.broker.BrokerAvailability;
import io.wagateway.broker.BrokerSettings;
import io.wagateway.broker.GroupSend;
import io.wagateway.config.GatewayProperties;
import io.wagateway.model.Content;
import io.wagateway.model.OutboundMessage;
import io.wagateway.pipeline.ConnectorRegistry;
import io.wagateway.pipeline.Dispatcher;
import io.wagateway.pipeline.QueueWaits;
import io.wagateway.store.GroupCommit;
import io.wagateway.store.IdempotencyStore;
import io.wagateway.store.MessageStore;
import io.wagateway.store.SqlDialect;
import io.wagateway.store.StoredMessage;
import io.wagateway.store.TokenBatches;
import io.wagateway.support.MessageIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/messages} and {@code GET /v1/messages/{id}} (contract sections 2 and 3). The route around these
 * steps (routes/api.yaml) stores the message ({@link #accept}), queues it ({@link #enqueue}) and only then answers
 * ({@link #replyAccepted}).
 */
@Component("messagesApi")
public class MessagesApi {

    /** Exchange property: the message stored by {@link #accept}, still to be queued. */
    public static final String ACCEPTED = "gwAccepted";
    /** Exchange property: true once the queue holds the message, so a later failure must not undo the row. */
    public static final String ENQUEUED = "gwEnqueued";
    /** Exchange property: an earlier message returned again for a repeated {@code Idempotency-Key}. */
    public static final String REPLAYED = "gwReplayed";

    static final int LIST_LIMIT = 100;
    private static final Pattern JSON_MEDIA_TYPE = Pattern.compile("application/([a-z0-9.+-]+\\+)?json(;.*)?");

    private final ApiAuth auth;
    private final SendRequestReader reader;
    private final ConnectorRegistry registry;
    private final MessageStore store;
    private final IdempotencyStore idempotency;
    private final GroupCommit groupCommit;
    private final MessageViews views;
    private final ObjectMapper mapper;
    private final GatewayProperties.Api settings;
    private final MeterRegistry meters;
    private final TokenBatches tokens;
    private final GatewayProperties properties;
    private final GroupSend groupSend;
    private final BrokerAvailability brokerAvailability;
    private final QueueWaits queueWaits;

    public MessagesApi(ApiAuth auth, SendRequestReader reader, ConnectorRegistry registry, MessageStore store,
                       IdempotencyStore idempotency, GroupCommit groupCommit, MessageViews views,
                       ObjectMapper mapper, GatewayProperties properties, MeterRegistry meters,
                       TokenBatches tokens, GroupSend groupSend,
                       BrokerAvailability brokerAvailability, QueueWaits queueWaits) {
        this.auth = auth;
        this.reader = reader;
        this.registry = registry;
        this.store = store;
        this.idempotency = idempotency;
        this.groupCommit = groupCommit;
        this.views = views;
        this.mapper = mapper;
        this.settings = properties.api();
        this.meters = meters;
        this.tokens = tokens;
        this.properties = properties;
        this.groupSend = groupSend;
        this.brokerAvailability = brokerAvailability;
        this.queueWaits = queueWaits;
    }

    public void accept(Exchange exchange) {
        String appId = auth.authenticate(HttpExchange.header(exchange, "Authorization"));
        byte[] body = readJsonBody(exchange);
        SendRequest request = reader.read(body);
        auth.requireSender(appId, request.from());
        requireWithinAppRate(appId);
        ConnectorRegistry.Route route = registry.route(request.from()).orElseThrow(() -> new ProblemException(
                Problem.of(422, "sender-not-configured", "Sender not configured",
                        "Sender '" + request.from() + "' has no connector configured.")));
        requireCapable(route, request);

        String key = idempotencyKey(exchange);
        String requestHash = key == null ? null : canonicalHash(body);
        Instant now = SqlDialect.now();
        if (key != null) {
            Optional<StoredMessage> earlier = earlierMessage(appId, key, requestHash, now);
            if (earlier.isPresent()) {
                exchange.setProperty(REPLAYED, earlier.get());
                return;
            }
        }
        requireRoomInSenderQueue(request.from()); // after the replay check: a replay adds nothing to the queue
        brokerAvailability.requireAvailable(); // refused before anything is stored while the broker takes nothing
        OutboundMessage message = new OutboundMessage(MessageIds.next(), appId, request.from(),
                request.to(), request.clientReference(), request.content(), request.replyTo(),
                request.identityHash(), now,
                request.validitySeconds() == null ? null : now.plusSeconds(request.validitySeconds()));
        StoredMessage accepted = StoredMessage.accepted(message, route.instance().id());
        boolean stored = groupCommit.run(() -> {
            if (key != null) {
                // a key past its window starts over; dropped in this commit, since a write of its own on SQLite
                // would have to win the write lock from the ledger writer (docs/benchmarks.md, run R)
                idempotency.deleteExpired(appId, key, now.minus(settings.idempotencyWindow()));
                if (!idempotency.insert(appId, key, requestHash, message.id(), now)) {
                    return false;
                }
            }
            store.insert(accepted);
            return true;
        });
        if (!stored) {
            // Another request with the same key committed first: answer as it did.
            exchange.setProperty(REPLAYED, earlierMessage(appId, key, requestHash, now).orElseThrow(() ->
                    new ProblemException(Problem.of(409, "idempotency-conflict", "Idempotency conflict",
                            "A request with this Idempotency-Key is being processed; retry shortly."))));
            return;
        }
        exchange.setProperty(ACCEPTED, accepted);
    }

    /**
     * Puts the message {@link #accept} stored on the outbound queue: only its id and its ordering group go there,
     * in a broker commit shared with other requests. Returns once the broker holds it.
     */
    public void enqueue(Exchange exchange) {
        StoredMessage message = exchange.getProperty(ACCEPTED, StoredMessage.class);
        // Anything but a template can only be a reply inside an open service window: it goes before bulk.
        int priority = message.content() instanceof Content.Template ? 4 : 7;
        groupSend.send(List.of(new GroupSend.Outgoing(BrokerSettings.OUTBOUND_QUEUE, message.id(),
                Dispatcher.orderingGroup(message), priority)));
        exchange.setProperty(ENQUEUED, true);
    }

    public void replyAccepted(Exchange exchange) {
        StoredMessage replayed = exchange.getProperty(REPLAYED, StoredMessage.class);
        StoredMessage message = replayed != null ? replayed : exchange.getProperty(ACCEPTED, StoredMessage.class);
        if (replayed == null) {
            meters.counter("gateway.accepted").increment();
        }
        HttpExchange.replyJson(exchange, mapper, replayed != null ? 200 : 202, "application/json",
                views.accepted(message), Map.of("Location", "/v1/messages/" + message.id()));
    }

    public void get(Exchange exchange) {
        String appId = auth.authenticate(HttpExchange.header(exchange, "Authorization"));
        String id = exchange.getIn().getHeader("id", String.class);
        StoredMessage message = store.find(id).filter(m -> m.appId().equals(appId))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "not-found", "Not found",
                        "No message with this id for this app.")));
        HttpExchange.replyJson(exchange, mapper, 200, "application/json",
                views.full(message, store.history(message.id())), Map.of());
    }

    /** {@code GET /v1/messages?clientReference=...}: the app's own messages with that reference, oldest first. */
    public void list(Exchange exchange) {
        String appId = auth.authenticate(HttpExchange.header(exchange, "Authorization"));
        String reference = HttpExchange.request(exchange).getParameter("clientReference");
        if (reference == null || reference.isBlank()) {
            throw ProblemException.invalid("clientReference", "is required");
        }
        List<MessageViews.Full> found = store.findByClientReference(appId, reference, LIST_LIMIT).stream()
                .map(m -> views.full(m, store.history(m.id()))).toList();
        HttpExchange.replyJson(exchange, mapper, 200, "application/json", Map.of("messages", found), Map.of());
    }

    /** An app over its own submission rate gets a 429 with the wait, before anything is stored. */
    private void requireWithinAppRate(String appId) {
        Integer rate = properties.apps().get(appId).ratePerSecond();
        if (rate == null || rate <= 0) {
            return;
        }
        long wait = tokens.take("app|" + appId, rate, rate);
        if (wait > 0) {
            throw tooManyRequests("app-rate", "rate-limited", "Too many requests",
                    "This app may submit " + rate + " messages per second", wait);
        }
    }

    /**
     * A sender's queue holds at most its queue-limit of waiting, by two measures. What its throughput can carry: a
     * shared bucket refilling at the throughput, the pace at which dispatch may take messages out, from which every
     * accepted message takes a token, so it holds on all instances together. And what dispatch achieves: while the
     * sender's messages wait longer than the limit for their first provider call (a provider throttling below the
     * configured throughput, a machine too slow), no more are taken until that wait is back under it.
     */
    private void requireRoomInSenderQueue(String senderId) {
        GatewayProperties.Sender sender = properties.senders().get(senderId);
        Duration limit = sender.queueLimit();
        if (limit.isZero()) {
            return;
        }
        Duration waited = queueWaits.recentWait(senderId).orElse(Duration.ZERO);
        if (waited.compareTo(limit) > 0) {
            throw tooManyRequests("sender-queue-wait", "sender-queue-full", "Sender queue full",
                    "Sender '" + senderId + "' has its messages waiting " + human(waited) + " to be sent, longer than"
                            + " its queue-limit of " + human(limit), waited.minus(limit).toMillis());
        }
        int throughput = Math.max(1, sender.throughput());
        double capacity = Math.max(1, throughput * limit.toMillis() / 1000.0);
        long wait = tokens.take("queue|" + senderId, throughput, capacity);
        if (wait > 0) {
            throw tooManyRequests("sender-queue", "sender-queue-full", "Sender queue full",
                    "Sender '" + senderId + "' already has queued what it can send in " + human(limit)
                            + " at its throughput (" + throughput + "/s)", wait);
        }
    }

    /** A duration as configuration writes it: 4h, 2s, 1.5s. */
    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** A 429 that says when to come back, counted by what refused it. */
    private ProblemException tooManyRequests(String reason, String type, String title, String detail,
                                             long waitMillis) {
        meters.counter("gateway.refused", "reason", reason).increment();
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return new ProblemException(Problem.of(429, type, title, detail + "; retry in " + seconds + " s."),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    private void requireCapable(ConnectorRegistry.Route route, SendRequest request) {
        var capabilities = route.connector().capabilities();
        var type = request.content().contentType();
        if (!capabilities.supports(type)) {
            throw new ProblemException(Problem.of(422, "unsupported-content", "Content type not supported",
                    "Content type '" + type.wireName() + "' cannot be sent through connector '"
                            + route.instance().id() + "' (" + route.instance().type() + ") yet."));
        }
        if (request.to().userId() != null && !capabilities.businessScopedUserIds()) {
            throw new ProblemException(Problem.of(422, "unsupported-recipient", "Recipient type not supported",
                    "Connector '" + route.instance().id() + "' cannot address business-scoped user ids."));
        }
    }

    private Optional<StoredMessage> earlierMessage(String appId, String key, String requestHash, Instant now) {
        return idempotency.find(appId, key, now.minus(settings.idempotencyWindow())).map(entry -> {
            if (!entry.requestHash().equals(requestHash)) {
                throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key was used with a different request body."));
            }
            return store.find(entry.messageId()).orElseThrow();
        });
    }

    private byte[] readJsonBody(Exchange exchange) {
        String contentType = HttpExchange.header(exchange, "Content-Type");
        if (contentType == null || !JSON_MEDIA_TYPE.matcher(contentType.toLowerCase(Locale.ROOT)).matches()) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Send the request as application/json."));
        }
        long declared = HttpExchange.request(exchange).getContentLengthLong();
        byte[] body = declared > settings.maxBodyBytes() ? null : bodyBytes(exchange);
        if (body == null) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                    "A request body may be at most " + settings.maxBodyBytes() + " bytes."));
        }
        return body;
    }

    private byte[] bodyBytes(Exchange exchange) {
        try {
            return HttpExchange.body(exchange, settings.maxBodyBytes());
        } catch (IOException e) {
            throw ProblemException.invalid("body", "could not be read");
        }
    }

    private String idempotencyKey(Exchange exchange) {
        String key = HttpExchange.header(exchange, "Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 255 characters");
        }
        return key;
    }

    /** The body's JSON re-serialised, so whitespace alone does not make a "different body". */
    private String canonicalHash(byte[] body) {
        try {
            JsonNode tree = mapper.readTree(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(tree.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
