package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.Capabilities;
import io.wagateway.connector.Connector;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.ContactRef;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.MediaDownload;
import io.wagateway.connector.SendOutcome;
import io.wagateway.connector.SenderConfig;
import io.wagateway.connector.StatusMap;
import io.wagateway.connector.WebhookRequest;
import io.wagateway.connector.WebhookResult;
import io.wagateway.model.ContentType;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.OutboundMessage;
import io.wagateway.support.Redact;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * CM.com Business Messaging, the BSP behind Actito's WhatsApp: one message per {@code POST /v1.0/message} with the
 * product token in {@code X-CM-PRODUCTTOKEN}, our message id as CM's {@code reference}, and status reports and
 * inbound messages on one webhook that carries the connector's secret (CM signs nothing).
 * The wire shapes live in {@link CmPayloads} and {@link CmRichContent}, answers in {@link CmSendResponses}, webhooks
 * in {@link CmWebhooks}.
 */
@Component
public class CmConnector implements Connector {

    public static final String TYPE = "cm";

    public static final String BASE_URL = "base-url";
    public static final String PRODUCT_TOKEN = "product-token";
    public static final String WEBHOOK_SECRET = "webhook-secret";
    public static final String TEMPLATE_NAMESPACE = "template-namespace";
    public static final String TIMEOUT_MS = "timeout-ms";

    public static final String DEFAULT_BASE_URL = "https://gw.messaging.cm.com";
    /** CM's PHP SDK allows 20 s; a longer wait means fewer timeouts, and a timeout risks a duplicate send. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final String MESSAGE_PATH = "/v1.0/message";
    static final String EVENT_PATH = "/v1.0/event";
    static final String NOT_CONFIGURED = "not-configured";
    static final String UNSUPPORTED_CONTENT = "unsupported-content";
    static final String INVALID_MESSAGE = "invalid-message";

    private static final Logger log = LoggerFactory.getLogger(CmConnector.class);

    /**
     * Exactly what {@link CmRichContent} builds; CM documents no reaction. Media goes by link only. Read receipts:
     * CM documents no read report (a code 4 is read as READ should it come), so none are promised.
     */
    private static final Capabilities CAPABILITIES = new Capabilities(Set.copyOf(EnumSet.of(ContentType.TEXT,
            ContentType.IMAGE, ContentType.VIDEO, ContentType.AUDIO, ContentType.DOCUMENT, ContentType.STICKER,
            ContentType.LOCATION, ContentType.CONTACTS, ContentType.TEMPLATE, ContentType.BUTTONS, ContentType.LIST)),
            false, false);

    private final ErrorCatalogue errors;
    private final CmPayloads payloads;
    private final CmHttp http;
    private final CmSendResponses responses;
    private final CmWebhooks webhooks;
    private final Clock clock;
    private final Duration defaultTimeout;

    @Autowired
    public CmConnector(ObjectMapper mapper) {
        this(mapper, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    /** {@code defaultTimeout} applies to instances without a {@code timeout-ms} setting. */
    public CmConnector(ObjectMapper mapper, Duration defaultTimeout, Clock clock) {
        this.errors = ErrorCatalogue.load(TYPE);
        this.payloads = new CmPayloads(mapper);
        this.http = new CmHttp(CONNECT_TIMEOUT);
        this.responses = new CmSendResponses(mapper, errors);
        this.webhooks = new CmWebhooks(mapper, new CmReceipts(errors, StatusMap.load(TYPE)), new CmInbound());
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public String type() { return TYPE; }

    @Override
    public Capabilities capabilities() { return CAPABILITIES; }

    @Override
    public Set<String> secretSettings() { return Set.of(PRODUCT_TOKEN, WEBHOOK_SECRET); }

    /** The error catalogue this connector maps CM's codes with, e.g. for publishing it. */
    public ErrorCatalogue errorCatalogue() { return errors; }

    @Override
    public SendOutcome send(OutboundMessage message, ConnectorInstance connector, SenderConfig sender) {
        String token = connector.setting(PRODUCT_TOKEN);
        if (token == null || token.isBlank()) {
            return notConfigured(message, connector, "connector " + connector.id() + " has no '" + PRODUCT_TOKEN + "'");
        }
        if (sender.number() == null || sender.number().isBlank()) {
            return notConfigured(message, connector, "sender " + sender.id() + " has no number to send from");
        }
        URI uri;
        try {
            uri = endpoint(connector, MESSAGE_PATH);
        } catch (IllegalArgumentException e) {
            return notConfigured(message, connector, e.getMessage());
        }
        String reference;
        String json;
        try {
            reference = CmReference.of(message.id());
            json = payloads.json(message, sender.number(), connector.setting(TEMPLATE_NAMESPACE));
        } catch (CmUnsupportedContentException e) {
            // normally refused at the API through capabilities; reaches here for a part CM cannot carry
            log.warn("message {} not sent by {}: {}", message.id(), connector.id(), e.getMessage());
            return new SendOutcome.Failed(errors.error(UNSUPPORTED_CONTENT, null, e.getMessage()), null);
        } catch (IllegalArgumentException e) {
            log.warn("message {} not sent by {}: {}", message.id(), connector.id(), e.getMessage());
            return new SendOutcome.Failed(errors.error(INVALID_MESSAGE, null, e.getMessage()), null);
        }
        SendOutcome outcome;
        try {
            outcome = responses.outcome(http.post(uri, token.strip(), json, connector.timeout(defaultTimeout)), reference,
                    clock.instant());
        } catch (CmHttp.TransportException e) {
            outcome = new SendOutcome.Failed(errors.error(e.timedOut() ? CmSendResponses.TIMEOUT
                    : CmSendResponses.NETWORK, null, e.getMessage()), null);
        }
        logOutcome(message, connector, outcome);
        return outcome;
    }

    @Override
    public WebhookResult handleWebhook(WebhookRequest request, ConnectorInstance connector) {
        switch (CmWebhookAuth.check(request, connector.setting(WEBHOOK_SECRET))) {
            case NOT_CONFIGURED -> {
                // our fault, not CM's: a 5xx shows up in CM's delivery log, and CM keeps retrying (status reports
                // 7 days, inbound a month), so nothing is lost once the secret is configured
                log.error("webhook for {} refused: no '{}' configured", connector.id(), WEBHOOK_SECRET);
                return WebhookResult.refused(500, "webhook secret not configured");
            }
            case REFUSED -> {
                log.warn("webhook for {} refused: missing or wrong secret", connector.id());
                return WebhookResult.refused(401, "unauthorized");
            }
            default -> {
                return webhooks.handle(request, connector.id());
            }
        }
    }

    /**
     * Streams an inbound file from CM's file proxy ({@code providerRef} is its short-lived URL). The product token
     * goes along only to CM's own hosts, never to another host a webhook might name.
     */
    @Override
    public MediaDownload fetchMedia(String providerRef, ConnectorInstance connector) {
        URI uri = webUri(providerRef, "media reference");
        String token = connector.setting(PRODUCT_TOKEN);
        boolean cmHost = isCmHost(uri, connector);
        Map<String, String> headers = token != null && !token.isBlank() && cmHost
                ? Map.of(CmHttp.TOKEN_HEADER, token.strip()) : Map.of();
        return http.download(uri, headers, connector.timeout(defaultTimeout));
    }

    /**
     * Posts CM's {@code MarkAsRead} event. Best effort: a failure is logged, never thrown. CM wants the number of
     * the user who wrote; without one the mark is skipped.
     */
    @Override
    public void markRead(ProviderEvent.Inbound inbound, ConnectorInstance connector, SenderConfig sender) {
        String providerMessageId = inbound.providerMessageId();
        String token = connector.setting(PRODUCT_TOKEN);
        String user = userDigits(inbound.from());
        if (token == null || token.isBlank() || sender.number() == null || sender.number().isBlank()
                || user == null) {
            log.warn("read mark via {} skipped: {}", connector.id(), user == null
                    ? "the message names no user number" : "no product token or sender number");
            return;
        }
        try {
            URI uri = endpoint(connector, EVENT_PATH);
            CmHttp.Answer answer = http.post(uri, token.strip(),
                    payloads.markAsRead(providerMessageId, sender.number(), user), connector.timeout(defaultTimeout));
            if (answer.status() >= 200 && answer.status() < 300) {
                log.debug("read mark sent via {} for a message from {}", connector.id(), Redact.phone("+" + user));
            } else {
                log.warn("read mark via {} answered HTTP {}", connector.id(), answer.status());
            }
        } catch (CmHttp.TransportException | IllegalArgumentException e) {
            log.warn("read mark via {} failed: {}", connector.id(), e.getMessage());
        }
    }

    private URI endpoint(ConnectorInstance connector, String path) {
        String base = connector.setting(BASE_URL, DEFAULT_BASE_URL).strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = webUri(base + path, "'" + BASE_URL + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connector " + connector.id() + " has an invalid '" + BASE_URL + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("connector " + connector.id() + " has an invalid '" + BASE_URL + "'");
        }
        return uri;
    }

    private static URI webUri(String value, String what) {
        URI uri;
        try {
            uri = URI.create(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + what);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getPort() > 65535) {
            throw new IllegalArgumentException("invalid " + what);
        }
        return uri;
    }

    /** CM's file proxy ({@code cdn-1.messaging.cm.com}, ...) or the host the connector sends to (e.g. the simulator). */
    private boolean isCmHost(URI uri, ConnectorInstance connector) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("cm.com") || host.endsWith(".cm.com")) {
            return "https".equalsIgnoreCase(uri.getScheme());
        }
        try {
            URI base = endpoint(connector, MESSAGE_PATH);
            return host.equalsIgnoreCase(base.getHost()) && uri.getPort() == base.getPort()
                    && uri.getScheme().equalsIgnoreCase(base.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }


    private SendOutcome notConfigured(OutboundMessage message, ConnectorInstance connector, String why) {
        log.error("message {} not sent by {}: {}", message.id(), connector.id(), why);
        return new SendOutcome.Failed(errors.error(NOT_CONFIGURED, null, why), null);
    }

    private static void logOutcome(OutboundMessage message, ConnectorInstance connector, SendOutcome outcome) {
        String to = Redact.phone(message.to() == null ? null : message.to().key());
        if (outcome instanceof SendOutcome.Failed failed) {
            MessageError e = failed.error();
            // our credentials, our balance or an ambiguous answer need a person; the rest is routine traffic
            boolean attention = e.category() == ErrorCategory.PROVIDER_AUTH || e.category() == ErrorCategory.PAYMENT
                    || e.category() == ErrorCategory.UNKNOWN;
            log.atLevel(attention ? Level.WARN : Level.INFO).log("message {} to {} via {} failed: {} code {} retryable {}",
                    message.id(), to, connector.id(), e.category(), e.code(), e.retryable());
        } else {
            log.debug("message {} to {} submitted via {}", message.id(), to, connector.id());
        }
    }

    /** CM's MarkAsRead names the user who wrote: the number from the inbound message itself. */
    private static String userDigits(ContactRef from) {
        String number = from == null ? null : from.phone() != null ? from.phone() : from.waId();
        return number == null ? null : number.replaceAll("[^0-9]", "");
    }
}
