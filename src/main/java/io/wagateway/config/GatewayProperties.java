package io.wagateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code gateway.*} configuration of contract section 7: connector instances, senders and apps.
 * Connector settings stay a plain map because each connector type has its own keys.
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("./data") String dataDir,
        String publicUrl,
        Map<String, Map<String, String>> connectors,
        Map<String, Sender> senders,
        Map<String, App> apps,
        @DefaultValue Simulator simulator,
        @DefaultValue Dispatch dispatch,
        @DefaultValue Api api,
        @DefaultValue Broker broker,
        @DefaultValue Events events,
        @DefaultValue Callbacks callbacks,
        @DefaultValue Ops ops) {

    public GatewayProperties {
        connectors = connectors == null ? Map.of() : connectors;
        senders = senders == null ? Map.of() : senders;
        apps = apps == null ? Map.of() : apps;
    }

    /**
     * One business number, served by one connector instance. {@code templates} maps a template name and language
     * to a provider's own template id, for providers that send templates by id (Webex Connect). {@code queueLimit}:
     * the most the sender may have waiting, as time at its {@code throughput} (4 h holds 1,152,000 messages at 80
     * a second) and as the time its messages wait to be sent; beyond it the API answers 429 with Retry-After.
     * 0 means no limit.
     */
    public record Sender(String number, String connector, String phoneNumberId, String wabaId, String appId,
                         @DefaultValue("80") int throughput, @DefaultValue("false") boolean identityCheck,
                         @DefaultValue("false") boolean markRead, Map<String, Map<String, String>> templates,
                         @DefaultValue("4h") Duration queueLimit) {
        public Sender {
            templates = templates == null ? Map.of() : templates;
        }
    }

    /**
     * A downstream application: its key (plain or SHA-256 hex), the senders it may use, its callback, and
     * optionally how many messages per second it may submit ({@code rate-per-second}; beyond it, 429).
     */
    public record App(String apiKey, String apiKeySha256, List<String> senders, Callback callback,
                      Integer ratePerSecond) {
        public App {
            senders = senders == null ? List.of() : senders;
        }
    }

    public record Callback(String url, String secret) {}

    /**
     * The built-in provider simulator. {@code enabled} unset means: on while some connector points at it
     * ({@code base-url: simulator}), which is the case only in the embedded defaults. {@code statusesPerWebhook}:
     * how many status updates the Meta simulator batches into one webhook (Meta: up to 1,000; 1 posts each alone).
     */
    public record Simulator(Boolean enabled, @DefaultValue("0") int port, @DefaultValue("300ms") Duration receiptDelay,
                            String gatewayUrl, @DefaultValue("1000") int statusesPerWebhook) {}

    /**
     * Dispatch from the outbound queue to the providers. A transient failure is retried with exponential backoff
     * and jitter (never sooner than the provider's Retry-After) until {@code retryWindow} has passed since the first
     * attempt; short waits happen in place, keeping the recipient's order, longer ones are rescheduled on the broker.
     * {@code pairPerMinute} and {@code pairBurst} pace messages to one recipient (WhatsApp's pair rate limit).
     * {@code autoStartup} and {@code concurrentConsumers} are read by the dispatch route (routes/pipeline.yaml).
     */
    public record Dispatch(@DefaultValue("true") boolean autoStartup, @DefaultValue("64") int concurrentConsumers,
                           @DefaultValue("1h") Duration retryWindow, @DefaultValue("1s") Duration firstRetryDelay,
                           @DefaultValue("5m") Duration maxRetryDelay, @DefaultValue("2s") Duration inlineWaitMax,
                           @DefaultValue("10") double pairPerMinute, @DefaultValue("45") int pairBurst,
                           @DefaultValue Breaker breaker) {}

    /** The circuit breaker per connector instance: opens on provider outages, not on refusals or rate limits. */
    public record Breaker(@DefaultValue("50") float failureRatePercent, @DefaultValue("20") int window,
                          @DefaultValue("10") int minimumCalls, @DefaultValue("10s") Duration openFor) {}

    /**
     * The embedded broker's listener for outside consumers (CORE, AMQP, STOMP). Loopback only by default;
     * a port below 0 turns it off. Above {@code maxDiskUsage} percent of its disk in use, the embedded broker
     * blocks every producer until space is freed (health {@code broker} then goes DOWN). Its journal collects the
     * commits that arrive within {@code journalBufferTimeout} into one write and fsync (Artemis's own default for
     * its NIO journal is 3.33 ms, which every commit then waits for; docs/benchmarks.md, run Q).
     */
    public record Broker(@DefaultValue("127.0.0.1") String host, @DefaultValue("61616") int port,
                         @DefaultValue("90") int maxDiskUsage, @DefaultValue("1ms") Duration journalBufferTimeout) {}

    /** Where events go, and the durable subscriptions that keep them while their consumer is away. */
    public record Events(@DefaultValue("whatsapp.events") String address, List<String> subscriptions) {
        public Events {
            subscriptions = subscriptions == null ? List.of() : subscriptions;
        }
    }

    /** App callbacks: each POST times out after {@code timeout}; failures are retried for {@code retryWindow}. */
    public record Callbacks(@DefaultValue("10s") Duration timeout, @DefaultValue("24h") Duration retryWindow,
                            @DefaultValue("1s") Duration firstRetryDelay, @DefaultValue("5m") Duration maxRetryDelay) {}

    /** Operator endpoints ({@code /ops/...}); off while no key is set. */
    public record Ops(String apiKey) {}

    /** API limits; media may be as large as Meta's largest (documents, 100 MB). */
    public record Api(@DefaultValue("24h") Duration idempotencyWindow, @DefaultValue("262144") int maxBodyBytes,
                      @DefaultValue("104857600") long maxMediaBytes) {}
}
