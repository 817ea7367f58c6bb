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

/**
 * Posts simulated provider webhooks to the gateway, one step of {@code receiptDelay} apart. Like the providers, it
 * posts a webhook again when the gateway did not take it (any failure or non-2xx answer), with growing delays;
 * theirs last days, the simulator's {@link #RETRIES} tries about a minute.
 */
public class WebhookPoster {

    private static final Logger log = LoggerFactory.getLogger(WebhookPoster.class);
    static final int RETRIES = 6;

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

    /** The path without its query, which may hold a secret (CM's). */
    private static String path(Webhook webhook) {
        int query = webhook.path().indexOf('?');
        return query < 0 ? webhook.path() : webhook.path().substring(0, query);
    }

    /** Runs {@code task} every {@code millis} on the poster's thread (e.g. to flush batched receipts). */
    public void every(long millis, Runnable task) {
        scheduler.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void post(Webhook webhook) {
        post(webhook, 0);
    }

    private void post(Webhook webhook, int retry) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl.get() + webhook.path()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() < 300) {
                return;
            }
            String failure = error != null ? error.toString() : "HTTP " + response.statusCode();
            if (retry == RETRIES) {
                log.warn("simulated webhook to {} failed {} times, dropped: {}", path(webhook), retry + 1, failure);
                return;
            }
            long delay = 1L << retry; // 1, 2, 4 ... 32 s
            log.info("simulated webhook to {} failed, posted again in {} s: {}", path(webhook), delay, failure);
            scheduler.schedule(() -> post(webhook, retry + 1), delay, TimeUnit.SECONDS);
        });
    }
}
