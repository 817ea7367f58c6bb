package io.wagateway.connector.webex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.connector.Capabilities;
import io.wagateway.connector.Connector;
import io.wagateway.connector.ConnectorInstance;
import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.MediaDownload;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.ProviderHttp;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Webex Connect (formerly IMImobile imiconnect), WhatsApp through its Messaging API v1:
 * {@code POST {base-url}/resources/v1/messaging} with the service key (or a JWT), receipts and inbound messages on
 * the outbound webhook signed with {@code x-hub-signature}. Templates go by Webex template id, mapped per sender.
 */
@Component
public class WebexConnectConnector implements Connector {

    public static final String TYPE = "webex-connect";

    public static final String BASE_URL = "base-url";
    public static final String SERVICE_KEY = "service-key";
    public static final String JWT = "jwt";
    public static final String HUB_SECRET = "hub-secret";
    public static final String HUB_ALGORITHM = "hub-algorithm";
    public static final String TIMEOUT_MS = "timeout-ms";
    /** {@code digits} (default, as documented) or {@code e164} for tenants with "+E.164 enforcement". */
    public static final String WAID_FORMAT = "waid-format";

    public static final String DEFAULT_BASE_URL = "https://api.us.webexconnect.io";
    static final String PATH = "/resources/v1/messaging";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(WebexConnectConnector.class);

    private static final Capabilities CAPABILITIES = new Capabilities(EnumSet.of(ContentType.TEXT, ContentType.IMAGE,
            ContentType.VIDEO, ContentType.AUDIO, ContentType.DOCUMENT, ContentType.STICKER, ContentType.LOCATION,
            ContentType.CONTACTS, ContentType.TEMPLATE, ContentType.BUTTONS, ContentType.LIST), true, true);

    private final ObjectMapper mapper;
    private final ErrorCatalogue errors;
    private final WebexPayloads payloads;
    private final WebexClient client;
    private final WebexWebhookParser webhooks;
    private final MediaFetcher media;
    private final Duration defaultTimeout;

    @Autowired
    public WebexConnectConnector(ObjectMapper mapper) {
        this(mapper, DEFAULT_TIMEOUT);
    }

    /** {@code defaultTimeout} applies to instances without a {@code timeout-ms} setting. */
    public WebexConnectConnector(ObjectMapper mapper, Duration defaultTimeout) {
        this.mapper = mapper;
        this.errors = ErrorCatalogue.load(TYPE);
        this.payloads = new WebexPayloads(mapper);
        this.client = new WebexClient(ProviderHttp.newClient(CONNECT_TIMEOUT), new WebexResponses(mapper), errors,
                Clock.systemUTC());
        this.webhooks = new WebexWebhookParser(mapper,
                new ReceiptReader(StatusMap.load(TYPE), new ReceiptErrors(errors, ErrorCatalogue.load("meta-cloud"))),
                new InboundReader(mapper));
        this.media = new MediaFetcher(MediaFetcher.newHttpClient(CONNECT_TIMEOUT));
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public String type() { return TYPE; }

    @Override
    public Capabilities capabilities() { return CAPABILITIES; }

    @Override
    public Set<String> secretSettings() { return Set.of(SERVICE_KEY, JWT, HUB_SECRET); }

    /** The error catalogue this connector maps Webex's codes with, e.g. for publishing it. */
    public ErrorCatalogue errorCatalogue() { return errors; }

    @Override
    public SendOutcome send(OutboundMessage message, ConnectorInstance connector, SenderConfig sender) {
        String to = Redact.phone(message.to() == null ? null : message.to().key());
        Map<String, String> auth = authHeaders(connector);
        if (auth.isEmpty()) {
            return failed(message, connector, to, "not-configured",
                    "connector " + connector.id() + " has neither '" + SERVICE_KEY + "' nor '" + JWT + "'");
        }
        if (sender.appId() == null || sender.appId().isBlank()) {
            return failed(message, connector, to, "not-configured", "sender " + sender.id() + " has no app-id");
        }
        URI uri;
        try {
            uri = messagingUri(connector);
        } catch (IllegalArgumentException e) {
            return failed(message, connector, to, "not-configured", e.getMessage());
        }
        String json;
        try {
            boolean plus = "e164".equalsIgnoreCase(connector.setting(WAID_FORMAT, "digits").strip());
            json = mapper.writeValueAsString(payloads.build(message, sender, plus));
        } catch (PayloadException e) {
            return failed(message, connector, to, e.row(), e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            // a malformed canonical message must not escape as an exception: the dispatcher expects an outcome
            return failed(message, connector, to, "invalid-message",
                    "request could not be built: " + e.getClass().getSimpleName());
        }
        SendOutcome outcome = client.post(uri, auth, json, connector.timeout(defaultTimeout));
        logOutcome(message, connector, to, outcome);
        return outcome;
    }

    @Override
    public WebhookResult handleWebhook(WebhookRequest request, ConnectorInstance connector) {
        String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
        return switch (method) {
            // Webex checks the URL with a test call before it saves the webhook; it carries nothing to verify
            case "HEAD", "GET" -> WebhookResult.reply(200, "text/plain", "OK");
            case "POST" -> receive(request, connector);
            default -> WebhookResult.refused(405, "method not allowed");
        };
    }

    /**
     * A refused signature gets 400: Webex retries 401 and 403 but not 400, and a forged or broken call should not
     * come back. A missing secret is our fault, so it gets 503, which Webex retries.
     */
    private WebhookResult receive(WebhookRequest request, ConnectorInstance connector) {
        String secret = connector.setting(HUB_SECRET);
        Optional<HubSignature.Algorithm> algorithm = HubSignature.Algorithm.fromSetting(connector.setting(HUB_ALGORITHM));
        if (secret == null || secret.isEmpty() || algorithm.isEmpty()) {
            log.error("webhook for {} refused: '{}' missing or '{}' not sha256/sha512", connector.id(), HUB_SECRET,
                    HUB_ALGORITHM);
            return WebhookResult.refused(503, "webhook signature not configured");
        }
        String signature = request.headers() == null ? null : request.header(HubSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            log.warn("webhook for {} refused: no {} header", connector.id(), HubSignature.HEADER);
            return WebhookResult.refused(400, "signature required");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (!HubSignature.verify(algorithm.get(), body, signature, secret)) {
            log.warn("webhook for {} refused: bad signature", connector.id());
            return WebhookResult.refused(400, "bad signature");
        }
        try {
            List<ProviderEvent> events = webhooks.parse(body);
            log.debug("webhook for {}: {} event(s)", connector.id(), events.size());
            return WebhookResult.ok(events);
        } catch (WebexWebhookParser.MalformedBody e) {
            log.warn("webhook for {} refused: {}", connector.id(), e.getMessage());
            return WebhookResult.refused(400, "malformed body");
        }
    }

    /**
     * Inbound media URLs are pre-signed and expire (Webex storage or S3), so they are fetched without credentials:
     * the service key must not travel to a storage host.
     */
    @Override
    public MediaDownload fetchMedia(String providerRef, ConnectorInstance connector) {
        return media.fetch(providerRef, connector.timeout(defaultTimeout));
    }

    /** A configured JWT wins (Webex ignores the key when both are sent, so only one goes). */
    private static Map<String, String> authHeaders(ConnectorInstance connector) {
        String jwt = connector.setting(JWT);
        if (jwt != null && !jwt.isBlank()) {
            return Map.of("Authorization", "Bearer " + jwt.strip());
        }
        String key = connector.setting(SERVICE_KEY);
        return key == null || key.isBlank() ? Map.of() : Map.of("key", key.strip());
    }

    private static URI messagingUri(ConnectorInstance connector) {
        String base = connector.setting(BASE_URL, DEFAULT_BASE_URL).strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(base + PATH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connector " + connector.id() + " has an invalid '" + BASE_URL + "'");
        }
        boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getPort() > 65535 || uri.getQuery() != null) {
            throw new IllegalArgumentException("connector " + connector.id() + " has an invalid '" + BASE_URL + "'");
        }
        return uri;
    }


    private SendOutcome failed(OutboundMessage message, ConnectorInstance connector, String to, String row,
                               String detail) {
        SendOutcome.Failed outcome = new SendOutcome.Failed(errors.error(row, null, detail), null);
        logOutcome(message, connector, to, outcome);
        return outcome;
    }

    private static void logOutcome(OutboundMessage message, ConnectorInstance connector, String to, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Failed failed) {
            MessageError e = failed.error();
            // our credentials or an ambiguous answer need a person; the rest is routine traffic
            boolean attention = e.category() == ErrorCategory.PROVIDER_AUTH || e.category() == ErrorCategory.UNKNOWN;
            log.atLevel(attention ? Level.WARN : Level.INFO).log("message {} to {} via {} failed: {} code {} retryable {}",
                    message.id(), to, connector.id(), e.category(), e.code(), e.retryable());
        } else if (outcome instanceof SendOutcome.Submitted submitted) {
            log.debug("message {} to {} submitted via {} as {}", message.id(), to, connector.id(),
                    submitted.providerMessageId());
        }
    }
}
