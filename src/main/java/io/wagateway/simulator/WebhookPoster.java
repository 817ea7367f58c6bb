package io.wagateway.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts simulated provider webhooks to the gateway, one step of {@code receiptDelay} apart. */
public class WebhookPoster {

    private static final Logger log = LoggerFactory.getLogger(WebhookPoster.class);

    /** {@code path} is relative to the gateway, e.g. {@code /webhooks/meta-sim?secret=...}. */
    public record Webhook(String path, Map<String, String> headers, byte[] body) {}

    private final Supplier<String> gatewayUrl;
    private final Duration step;
    /** Answers are only logged, on the client's selector thread: no hand-off to a worker per webhook (run Q). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Runnable::run).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulator-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    WebhookPoster(Supplier<String> gatewayUrl, Duration step) {
        this.gatewayUrl = gatewayUrl;
        this.step = step;
    }

    /** The time between one receipt of a message and the next. */
    public Duration step() {
        return step;
    }

    /** Posts each webhook in turn, the first one step from now. */
    public void postInTurn(List<Webhook> webhooks) {
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook webhook = webhooks.get(i);
            scheduler.schedule(() -> post(webhook), step.toMillis() * (i + 1), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs {@code task} every {@code millis} on the poster's thread (e.g. to flush batched receipts). */
    public void every(long millis, Runnable task) {
        scheduler.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void post(Webhook webhook) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl.get() + webhook.path()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() >= 300) {
                log.warn("simulated webhook to {} failed: {}", webhook.path(),
                        error != null ? error.toString() : "HTTP " + response.statusCode());
            }
        });
    }
}
