package io.wagateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Tokens are taken from the shared bucket in batches, by the ledger writer, and spent in memory. */
class TokenBatchesTest {

    @TempDir
    Path dir;

    @Test
    void aBatchIsTakenInTheWritersCommitAndSpentInMemory() {
        DataSource ledger = TestLedger.migrated(dir);
        List<String> takenOn = new ArrayList<>();
        RateBuckets buckets = new RateBuckets(new JdbcTemplate(ledger), new SqlDialect(ledger)) {
            @Override
            public Take take(String key, double perSecond, double capacity, int wanted) {
                takenOn.add(Thread.currentThread().getName() + " " + wanted);
                return super.take(key, perSecond, capacity, wanted);
            }
        };
        GroupCommit writer = new GroupCommit(new DataSourceTransactionManager(ledger), ledger,
                new SimpleMeterRegistry(), 64);
        TokenBatches tokens = new TokenBatches(buckets, writer);

        for (int i = 0; i < 10; i++) {
            assertThat(tokens.take("sender|s", 200, 200)).as("token %d", i + 1).isZero();
        }

        // a twentieth of a second's worth at 200 a second is 10 tokens: one take, on the writer's thread
        assertThat(takenOn).containsExactly("ledger-group-commit 10");
    }
}
