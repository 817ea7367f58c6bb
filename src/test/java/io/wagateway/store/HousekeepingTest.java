package io.wagateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wagateway.config.GatewayProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rate buckets are forgotten only once they would be full again, which for a sender's queue takes its limit. */
class HousekeepingTest {

    @TempDir
    Path dir;

    @Test
    void aQueueBucketOutlivesFifteenIdleMinutesUntilItsQueueLimitHasPassed() {
        DataSource ledger = TestLedger.migrated(dir);
        JdbcTemplate jdbc = new JdbcTemplate(ledger);
        RateBuckets buckets = new RateBuckets(jdbc, new SqlDialect(ledger));
        GatewayProperties.Sender sender = new GatewayProperties.Sender("+15550001111", "meta", "1", null, null, 80,
                false, false, Map.of(), Duration.ofHours(4));
        GatewayProperties properties = new GatewayProperties("./data", null, Map.of(), Map.of("s", sender), Map.of(),
                null, null, new GatewayProperties.Api(Duration.ofHours(24), 1, 1), null, null, null, null);
        long now = System.currentTimeMillis();
        idleBucket(jdbc, "queue|s", now - Duration.ofHours(1).toMillis());
        idleBucket(jdbc, "queue|gone", now - Duration.ofHours(5).toMillis());

        SqlDialect dialect = new SqlDialect(ledger);
        new Housekeeping(new IdempotencyStore(jdbc, dialect), new DedupeStore(jdbc, dialect), buckets, properties)
                .purge();

        assertThat(jdbc.queryForList("SELECT bucket_key FROM rate_buckets", String.class)).containsExactly("queue|s");
    }

    private static void idleBucket(JdbcTemplate jdbc, String key, long updatedMs) {
        jdbc.update("INSERT INTO rate_buckets (bucket_key, tokens, updated_ms) VALUES (?, 0, ?)", key, updatedMs);
    }
}
