package io.wagateway.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meta batches status updates (up to 1,000 per POST, not guaranteed); the simulator does too. Each message's
 * statuses fall due one receipt step apart (sent, then delivered, then read); every half step, the statuses due
 * go out together, one webhook per business number, split into webhooks of at most the configured number.
 */
final class StatusBatcher {

    /** Builds one signed webhook for statuses of one business number. */
    interface WebhookBuilder {
        WebhookPoster.Webhook build(String connectorId, String phoneNumberId, List<ObjectNode> statuses);
    }

    /** Meta's most per POST. */
    static final int MAX_PER_WEBHOOK = 1000;

    private record Due(String connectorId, String phoneNumberId, ObjectNode status, long dueAt) {}

    private final WebhookPoster poster;
    private final WebhookBuilder builder;
    private final int perWebhook;
    private final List<Due> pending = new ArrayList<>();

    StatusBatcher(WebhookPoster poster, WebhookBuilder builder, int perWebhook) {
        this.poster = poster;
        this.builder = builder;
        this.perWebhook = Math.max(1, Math.min(MAX_PER_WEBHOOK, perWebhook));
        poster.every(Math.max(5, poster.step().toMillis() / 2), this::flush);
    }

    void add(String connectorId, String phoneNumberId, List<ObjectNode> statuses) {
        long now = System.currentTimeMillis();
        long step = poster.step().toMillis();
        synchronized (pending) {
            for (int i = 0; i < statuses.size(); i++) {
                pending.add(new Due(connectorId, phoneNumberId, statuses.get(i), now + step * (i + 1)));
            }
        }
    }

    private void flush() {
        long now = System.currentTimeMillis();
        Map<String, List<Due>> due = new LinkedHashMap<>();
        synchronized (pending) {
            pending.removeIf(d -> {
                if (d.dueAt() > now) {
                    return false;
                }
                due.computeIfAbsent(d.connectorId() + "|" + d.phoneNumberId(), k -> new ArrayList<>()).add(d);
                return true;
            });
        }
        for (List<Due> batch : due.values()) {
            for (int from = 0; from < batch.size(); from += perWebhook) {
                List<Due> chunk = batch.subList(from, Math.min(batch.size(), from + perWebhook));
                poster.post(builder.build(chunk.get(0).connectorId(), chunk.get(0).phoneNumberId(),
                        chunk.stream().map(Due::status).toList()));
            }
        }
    }
}
