package io.wagateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class GroupCommitTest {

    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private GroupCommit groupCommit;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp(@TempDir Path dir) {
        DataSource dataSource = TestLedger.empty(dir);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(20))");
        transactions = new DataSourceTransactionManager(dataSource);
        groupCommit = new GroupCommit(transactions, dataSource, meters, 64);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        groupCommit.stop();
    }

    @Test
    void unitsFromManyThreadsAllCommitAndEachCallerGetsItsOwnResult() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int id = i;
            results.add(pool.submit(() -> groupCommit.run(
                    () -> jdbc.update("INSERT INTO t VALUES (?, 'x')", id) * id)));
        }
        for (int i = 0; i < 400; i++) {
            assertThat(results.get(i).get()).isEqualTo(i);
        }
        pool.shutdown();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(400);
        // the writer's own CPU, counted apart from the wall time its commits took
        double cpu = meters.get("gateway.store.writer.cpu").functionCounter().count();
        assertThat(cpu).isPositive().isLessThanOrEqualTo(meters.get("gateway.store.group.commit").timer()
                .totalTime(TimeUnit.SECONDS));
    }

    @Test
    void aFailingUnitIsRolledBackAloneAndItsCallerGetsTheException() throws Exception {
        jdbc.update("INSERT INTO t VALUES (1, 'first')");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> others = new ArrayList<>();
        Future<?> failing = null;
        for (int i = 2; i < 100; i++) {
            int id = i;
            if (i == 50) {
                // writes a row, then breaks the primary key: neither of its writes may remain
                failing = pool.submit(() -> groupCommit.run(() -> {
                    jdbc.update("INSERT INTO t VALUES (1000, 'half')");
                    jdbc.update("INSERT INTO t VALUES (1, 'again')");
                }));
            }
            others.add(pool.submit(() -> groupCommit.run(() -> {
                jdbc.update("INSERT INTO t VALUES (?, 'x')", id);
            })));
        }
        for (Future<?> other : others) {
            other.get();
        }
        Future<?> failed = failing;
        assertThatThrownBy(failed::get).hasCauseInstanceOf(DataAccessException.class);
        pool.shutdown();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(99);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t WHERE id = 1000", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT note FROM t WHERE id = 1", String.class)).isEqualTo("first");
    }

    @Test
    void afterCommitActionsRunOnTheCallersThreadOnceCommittedAndNeverForAFailedUnit() {
        Thread caller = Thread.currentThread();
        List<String> seen = new ArrayList<>();
        groupCommit.run(() -> {
            jdbc.update("INSERT INTO t VALUES (1, 'x')");
            GroupCommit.afterCommit(() -> seen.add((Thread.currentThread() == caller) + " "
                    + jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)));
        });
        assertThat(seen).containsExactly("true 1");

        assertThatThrownBy(() -> groupCommit.run(() -> {
            GroupCommit.afterCommit(() -> seen.add("must not run"));
            jdbc.update("INSERT INTO t VALUES (1, 'again')");
        })).isInstanceOf(DataAccessException.class);
        assertThat(seen).containsExactly("true 1");
    }

    @Test
    void workInsideAnOpenTransactionJoinsIt() {
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            groupCommit.run(() -> {
                jdbc.update("INSERT INTO t VALUES (7, 'joined')");
            });
            throw new IllegalStateException("the outer transaction fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isZero();
    }

    @Test
    void afterStopCallersCommitOnTheirOwnThread() throws InterruptedException {
        groupCommit.stop();
        groupCommit.run(() -> {
            jdbc.update("INSERT INTO t VALUES (8, 'late')");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(1);
    }
}
