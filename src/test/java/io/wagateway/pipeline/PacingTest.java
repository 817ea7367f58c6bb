package io.wagateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wagateway.config.GatewayProperties;
import io.wagateway.store.GroupCommit;
import io.wagateway.store.RateBuckets;
import io.wagateway.store.SqlDialect;
import io.wagateway.store.TestLedger;
import io.wagateway.store.TokenBatches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The pacing rules as numbers: a recipient's burst then one per six seconds; a sender's rate per second. */
class PacingTest {

    @TempDir
    Path dir;

    Pacing pacing() {
        DataSource ledger = TestLedger.migrated(dir);
        GatewayProperties.Dispatch dispatch = new GatewayProperties.Dispatch(true, 8, Duration.ofHours(1),
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(2), 10, 45,
                new GatewayProperties.Breaker(50, 20, 10, Duration.ofSeconds(10)));
        GatewayProperties properties = new GatewayProperties("./data", null, Map.of(), Map.of(), Map.of(), null,
                dispatch, null, null, null, null, null);
        GroupCommit writer = new GroupCommit(new DataSourceTransactionManager(ledger), ledger,
                new SimpleMeterRegistry(), 64);
        RateBuckets buckets = new RateBuckets(new JdbcTemplate(ledger), new SqlDialect(ledger));
        return new Pacing(new TokenBatches(buckets, writer), properties);
    }

    @Test
    void aRecipientGetsItsBurstThenWaitsAboutSixSeconds() {
        Pacing pacing = pacing();
        for (int i = 0; i < 45; i++) {
            assertThat(pacing.waitMillis("s1", 1000, "447911123456")).as("message %d", i + 1).isZero();
        }
        long wait = pacing.waitMillis("s1", 1000, "447911123456");
        assertThat(wait).isBetween(5_000L, 6_000L);
        assertThat(pacing.waitMillis("s1", 1000, "447911123457")).as("another recipient").isZero();
    }

    @Test
    void aSenderGetsItsThroughputPerSecondAndNoMore() {
        Pacing pacing = pacing();
        long start = System.currentTimeMillis();
        int sent = 0;
        long firstWait = 0;
        for (int i = 0; i < 40; i++) {
            long wait = pacing.waitMillis("s2", 20, "4479111" + (10000 + i));
            if (wait == 0) {
                sent++;
            } else if (firstWait == 0) {
                firstWait = wait;
            }
        }
        // a full bucket of 20, plus what refilled while the loop ran (a slow machine refills a few)
        long refilled = (System.currentTimeMillis() - start) * 20 / 1000 + 1;
        assertThat(sent).isBetween(20, 20 + (int) refilled);
        // the first refusal waits for one token at 20 a second
        assertThat(firstWait).isBetween(1L, 100L);
    }
}
