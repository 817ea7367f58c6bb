package io.wagateway.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs short units of ledger writes from many threads in shared transactions: one commit for every unit waiting.
 *
 * <p>A commit of the embedded database rewrites every page the transaction touched, so at a high rate one commit
 * per message is most of the gateway's cost. Here one writer thread takes all waiting units, runs each under its own
 * savepoint, and commits once. {@link #run} returns only after its unit has committed, so nothing is acknowledged
 * earlier than before. A unit that throws is rolled back to its savepoint and its caller gets the exception; the
 * other units still commit. Units must be quick database work only: a provider call that must follow the commit
 * is registered with {@link #afterCommit} and runs on the caller's thread.
 */
@Component
public class GroupCommit {

    /** The unit the writer thread is running now, so {@link #afterCommit} can attach work to it. */
    private static final ThreadLocal<Pending<?>> RUNNING = new ThreadLocal<>();

    private final DataSource dataSource;
    private final TransactionTemplate batch;
    private final TransactionTemplate unit;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final int maxUnits;
    private final Timer commits;
    private final DistributionSummary unitsPerCommit;
    private final Thread writer;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuMeasured = threads.isCurrentThreadCpuTimeSupported();
    /** CPU the writer thread spent in commits: its wall time ({@link #commits}) also counts waiting for a core. */
    private volatile long writerCpuNanos;
    private volatile boolean stopping;

    public GroupCommit(PlatformTransactionManager transactions, DataSource dataSource, MeterRegistry meters,
                       @Value("${gateway.store.group-commit-max:256}") int maxUnits) {
        this.dataSource = dataSource;
        this.commits = Timer.builder("gateway.store.group.commit")
                .description("One shared transaction: its units and its commit").register(meters);
        this.unitsPerCommit = DistributionSummary.builder("gateway.store.group.commit.units")
                .description("Units of work sharing one commit").register(meters);
        if (cpuMeasured) {
            FunctionCounter.builder("gateway.store.writer.cpu", this, g -> g.writerCpuNanos / 1e9).baseUnit("seconds")
                    .description("CPU time of the ledger writer thread in its commits").register(meters);
        }
        this.batch = new TransactionTemplate(transactions);
        this.unit = new TransactionTemplate(transactions);
        this.unit.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.maxUnits = Math.max(1, maxUnits);
        this.writer = new Thread(this::writeLoop, "ledger-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Runs {@code work} in a transaction shared with other callers; returns once it has committed. */
    public <T> T run(Supplier<T> work) {
        Pending<T> pending = new Pending<>(work);
        if (TransactionSynchronizationManager.hasResource(dataSource) || !enqueue(pending)) {
            // Already inside a database transaction (the work joins it), or shutting down: run on this thread.
            return batch.execute(tx -> work.get());
        }
        T result;
        try {
            result = pending.outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        pending.afterCommit.forEach(Runnable::run);
        return result;
    }

    /**
     * Runs {@code action} once the current work has committed: on the caller's thread for a unit of this group
     * commit, after the commit of a plain Spring transaction, or at once when there is no transaction.
     */
    public static void afterCommit(Runnable action) {
        Pending<?> unit = RUNNING.get();
        if (unit != null) {
            unit.afterCommit.add(action);
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    /** Under the lock {@link #stop} takes, so no unit is queued after the writer's last look at the queue. */
    private synchronized boolean enqueue(Pending<?> pending) {
        return !stopping && queue.add(pending);
    }

    private void writeLoop() {
        List<Pending<?>> units = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                units.add(first);
                queue.drainTo(units, maxUnits - 1);
                commit(units);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                units.clear();
            }
        }
    }

    private void commit(List<Pending<?>> units) {
        long start = System.nanoTime();
        long cpuStart = cpuMeasured ? threads.getCurrentThreadCpuTime() : 0;
        try {
            batch.executeWithoutResult(tx -> units.forEach(p -> p.runUnder(unit)));
        } catch (RuntimeException | Error e) {
            // the writer must survive anything: every caller is waiting for an answer
            units.forEach(p -> p.outcome.completeExceptionally(e));
            return;
        } finally {
            commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            unitsPerCommit.record(units.size());
            if (cpuMeasured) {
                writerCpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
            }
        }
        units.forEach(Pending::committed);
    }

    /** Lets the units already queued commit; later callers commit on their own thread. */
    @PreDestroy
    void stop() throws InterruptedException {
        synchronized (this) {
            stopping = true;
        }
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static final class Pending<T> {
        final Supplier<T> work;
        final CompletableFuture<T> outcome = new CompletableFuture<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        T result;
        RuntimeException failure;

        Pending(Supplier<T> work) {
            this.work = work;
        }

        void runUnder(TransactionTemplate savepoint) {
            RUNNING.set(this);
            try {
                result = savepoint.execute(tx -> work.get());
            } catch (RuntimeException e) {
                failure = e;
                afterCommit.clear();
            } finally {
                RUNNING.remove();
            }
        }

        void committed() {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(result);
            }
        }
    }
}
