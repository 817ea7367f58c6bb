package io.wagateway.connector.meta;

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
import io.wagateway.connector.cloudapi.CloudApiClient;
import io.wagateway.connector.cloudapi.CloudApiMedia;
import io.wagateway.connector.cloudapi.CloudApiPayloads;
import io.wagateway.connector.cloudapi.CloudApiResponses;
import io.wagateway.connector.cloudapi.CloudApiWebhookParser;
import io.wagateway.connector.cloudapi.HubSignature;
import io.wagateway.connector.cloudapi.MalformedWebhookException;
import io.wagateway.connector.MediaFetchException;
import io.wagateway.connector.cloudapi.UnsupportedContentException;
import io.wagateway.model.ContentType;
import io.wagateway.model.ErrorCategory;
import io.wagateway.model.MessageError;
import io.wagateway.model.OutboundMessage;
import io.wagateway.support.Redact;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Meta's WhatsApp Cloud API, called directly on the Graph API. Wire format, response, webhook and media reading live
 * in the shared {@code cloudapi} dialect; this class adds what is Meta's own: the URLs ({@code messages} edge of the
 * phone number, media by id), bearer auth, the GET verification handshake and the {@code X-Hub-Signature-256}
 * check. Decisions where Meta's documentation leaves room are listed in {@code connectors/meta-cloud/README.md}.
 */
@Component
public class MetaCloudConnector implements Connector {

    public static final String TYPE = "meta-cloud";

    public static final String BASE_URL = "base-url";
    public static final String ACCESS_TOKEN = "access-token";
    public static final String APP_SECRET = "app-secret";
    public static final String VERIFY_TOKEN = "verify-token";
    public static final String API_VERSION = "api-version";
    public static final String TIMEOUT_MS = "timeout-ms";

    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    public static final String DEFAULT_API_VERSION = "v25.0";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final String NOT_CONFIGURED = "not-configured";
    static final String UNSUPPORTED_CONTENT = "unsupported-content";
    static final String INVALID_MESSAGE = "invalid-message";

    /** Path segments we put into the URL: ids and versions are plain tokens, never anything that could re-route. */
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private static final Logger log = LoggerFactory.getLogger(MetaCloudConnector.class);

    /** Every content type of the contract; read receipts; business-scoped user ids as recipients. */
    private static final Capabilities CAPABILITIES =
            new Capabilities(Set.copyOf(EnumSet.allOf(ContentType.class)), true, true);

    private final ErrorCatalogue errors;
    private final CloudApiPayloads payloads;
    private final CloudApiClient client;
    private final CloudApiWebhookParser webhooks;
    private final CloudApiMedia media;
    private final Duration defaultTimeout;

    @Autowired
    public MetaCloudConnector(ObjectMapper mapper) {
        this(mapper, DEFAULT_TIMEOUT);
    }

    /** {@code defaultTimeout} applies to instances without a {@code timeout-ms} setting. */
    public MetaCloudConnector(ObjectMapper mapper, Duration defaultTimeout) {
        this.errors = ErrorCatalogue.load(TYPE);
        this.payloads = new CloudApiPayloads(mapper);
        HttpClient http = ProviderHttp.newClient(CONNECT_TIMEOUT);
        this.client = new CloudApiClient(http, new CloudApiResponses(mapper), errors, Clock.systemUTC());
        this.media = new CloudApiMedia(http, mapper);
        this.webhooks = new CloudApiWebhookParser(mapper, errors, StatusMap.load(TYPE));
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public String type() { return TYPE; }

    @Override
    public Capabilities capabilities() { return CAPABILITIES; }

    @Override
    public Set<String> secretSettings() { return Set.of(ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN); }

    /** The error catalogue this connector maps Meta's codes with, e.g. for publishing it. */
    public ErrorCatalogue errorCatalogue() { return errors; }

    @Override
    public SendOutcome send(OutboundMessage message, ConnectorInstance connector, SenderConfig sender) {
        String to = Redact.phone(message.to() == null ? null : message.to().key());
        String token = connector.setting(ACCESS_TOKEN);
        if (token == null || token.isBlank()) {
            return notConfigured(message, connector, "connector " + connector.id() + " has no '" + ACCESS_TOKEN + "'");
        }
        URI uri;
        try {
            uri = messagesUri(connector, sender);
        } catch (IllegalArgumentException e) {
            return notConfigured(message, connector, e.getMessage());
        }
        String json;
        try {
            json = payloads.json(message);
        } catch (UnsupportedContentException e) {
            // normally refused at the API through capabilities; reaches here if a sender moved to this connector
            log.warn("message {} not sent by {}: {}", message.id(), connector.id(), e.getMessage());
            return new SendOutcome.Failed(errors.error(UNSUPPORTED_CONTENT, null, e.getMessage()), null);
        } catch (IllegalArgumentException e) {
            log.warn("message {} not sent by {}: {}", message.id(), connector.id(), e.getMessage());
            return new SendOutcome.Failed(errors.error(INVALID_MESSAGE, null, e.getMessage()), null);
        }
        SendOutcome outcome = client.post(uri, "Bearer " + token, json, connector.timeout(defaultTimeout));
        logOutcome(message, connector, to, outcome);
        return outcome;
    }

    /**
     * {@code GET {base-url}/{api-version}/{media-id}} for the file's short-lived URL, then that URL, both with the
     * bearer token.
     *
     * @throws MediaFetchException when the connector is not configured or Meta does not hand the file over
     */
    @Override
    public MediaDownload fetchMedia(String providerRef, ConnectorInstance connector) {
        String token = connector.setting(ACCESS_TOKEN);
        if (token == null || token.isBlank()) {
            throw new MediaFetchException("connector " + connector.id() + " has no '" + ACCESS_TOKEN + "'", false,
                    null);
        }
        URI uri;
        try {
            uri = graphUri(connector, pathSegment("media id", providerRef));
        } catch (IllegalArgumentException e) {
            throw new MediaFetchException(e.getMessage(), false, e);
        }
        return media.fetch(uri, "Bearer " + token, connector.timeout(defaultTimeout));
    }

    /** Best effort, as the pipeline expects: a failure is logged, never thrown. */
    @Override
    public void markRead(ProviderEvent.Inbound inbound, ConnectorInstance connector, SenderConfig sender) {
        String providerMessageId = inbound.providerMessageId();
        String token = connector.setting(ACCESS_TOKEN);
        URI uri;
        try {
            uri = messagesUri(connector, sender);
        } catch (IllegalArgumentException e) {
            log.warn("cannot mark a message read on {}: {}", connector.id(), e.getMessage());
            return;
        }
        if (token == null || token.isBlank() || providerMessageId == null || providerMessageId.isBlank()) {
            log.warn("cannot mark a message read on {}: no '{}' or no message id", connector.id(), ACCESS_TOKEN);
            return;
        }
        client.postForAck(uri, "Bearer " + token, payloads.markReadJson(providerMessageId), connector.timeout(defaultTimeout))
                .ifPresent(e -> log.info("marking a message read on {} failed: {} code {}", connector.id(),
                        e.category(), e.code()));
    }

    @Override
    public WebhookResult handleWebhook(WebhookRequest request, ConnectorInstance connector) {
        String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
        return switch (method) {
            case "GET" -> verify(request, connector);
            case "POST" -> receive(request, connector);
            default -> WebhookResult.refused(405, "method not allowed");
        };
    }

    /** Meta's subscription handshake: echo {@code hub.challenge} only to a caller that knows our verify token. */
    private WebhookResult verify(WebhookRequest request, ConnectorInstance connector) {
        String expected = connector.setting(VERIFY_TOKEN);
        Map<String, String> query = request.query() == null ? Map.of() : request.query();
        String mode = query.get("hub.mode");
        String token = query.get("hub.verify_token");
        String challenge = query.get("hub.challenge");
        if (expected == null || expected.isEmpty()) {
            log.warn("webhook handshake for {} refused: no '{}' configured", connector.id(), VERIFY_TOKEN);
            return WebhookResult.refused(403, "verification failed");
        }
        if (!"subscribe".equals(mode) || token == null || challenge == null || !constantTimeEquals(expected, token)) {
            log.warn("webhook handshake for {} refused: wrong mode or verify token", connector.id());
            return WebhookResult.refused(403, "verification failed");
        }
        log.info("webhook handshake for {} accepted", connector.id());
        return WebhookResult.reply(200, "text/plain", challenge);
    }

    private WebhookResult receive(WebhookRequest request, ConnectorInstance connector) {
        String secret = connector.setting(APP_SECRET);
        if (secret == null || secret.isEmpty()) {
            // our fault, not the caller's: a 5xx makes Meta retry, so nothing is lost once it is configured
            log.error("webhook for {} refused: no '{}' configured to check signatures", connector.id(), APP_SECRET);
            return WebhookResult.refused(500, "webhook secret not configured");
        }
        String signature = request.headers() == null ? null : request.header(HubSignature.HEADER);
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (signature == null || signature.isBlank()) {
            log.warn("webhook for {} refused: no {} header", connector.id(), HubSignature.HEADER);
            return WebhookResult.refused(401, "signature required");
        }
        if (!HubSignature.verify(body, signature, secret)) {
            log.warn("webhook for {} refused: bad signature", connector.id());
            return WebhookResult.refused(403, "bad signature");
        }
        try {
            List<ProviderEvent> events = webhooks.parse(body);
            log.debug("webhook for {}: {} event(s)", connector.id(), events.size());
            return WebhookResult.ok(events);
        } catch (MalformedWebhookException e) {
            log.warn("webhook for {} refused: {}", connector.id(), e.getMessage());
            return WebhookResult.refused(400, "malformed body");
        }
    }

    private URI messagesUri(ConnectorInstance connector, SenderConfig sender) {
        return graphUri(connector, pathSegment("phone-number-id of sender " + sender.id(), sender.phoneNumberId()),
                "messages");
    }

    /** {@code {base-url}/{api-version}/{segments...}}, each segment already checked to be a plain token. */
    private URI graphUri(ConnectorInstance connector, String... segments) {
        String base = connector.setting(BASE_URL, DEFAULT_BASE_URL).strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String version = pathSegment(API_VERSION, connector.setting(API_VERSION, DEFAULT_API_VERSION));
        URI uri;
        try {
            uri = URI.create(base + "/" + version + "/" + String.join("/", segments));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connector " + connector.id() + " has an invalid '" + BASE_URL + "'");
        }
        boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getPort() > 65535) {
            throw new IllegalArgumentException("connector " + connector.id() + " has an invalid '" + BASE_URL + "'");
        }
        return uri;
    }

    private static String pathSegment(String what, String value) {
        if (value == null || !PATH_SEGMENT.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("missing or invalid " + what);
        }
        return value.strip();
    }


    private SendOutcome notConfigured(OutboundMessage message, ConnectorInstance connector, String why) {
        log.error("message {} not sent by {}: {}", message.id(), connector.id(), why);
        return new SendOutcome.Failed(errors.error(NOT_CONFIGURED, null, why), null);
    }

    private static void logOutcome(OutboundMessage message, ConnectorInstance connector, String to, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Failed failed) {
            MessageError e = failed.error();
            // our credentials or an ambiguous answer need a person; the rest is routine traffic
            boolean attention = e.category() == ErrorCategory.PROVIDER_AUTH || e.category() == ErrorCategory.UNKNOWN;
            log.atLevel(attention ? Level.WARN : Level.INFO).log("message {} to {} via {} failed: {} code {} retryable {}",
                    message.id(), to, connector.id(), e.category(), e.code(), e.retryable());
        } else {
            log.debug("message {} to {} submitted via {}", message.id(), to, connector.id());
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
