package io.wagateway.store;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file from growing without bound.
 *
 * <p>Every commit is written at once ({@code WRITE_DELAY=0}, what "202 means stored" needs), and with that setting
 * H2 runs no background housekeeping. Each commit adds a chunk to the file. A chunk is freed only once none of its
 * pages is live, and the ledger leaves a page or two in almost every chunk that no later commit rewrites (rows of
 * finished messages, full pages of history). Without compaction the file grows by tens of kilobytes per message,
 * for good (docs/benchmarks.md, run I). This does what H2's background thread would: it rewrites the live pages of
 * sparse chunks, so those chunks die and their space is reused once H2's retention time (45 s) has passed.
 * PostgreSQL needs none of this; there it does nothing.
 */
@Component
public class LedgerCompaction implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(LedgerCompaction.class);
    private static final Field WRITE_BYTES = writeBytesField();

    private final DataSource dataSource;
    private final Timer runs;
    private final int targetFillRate;
    private final int writeBytes;
    private volatile boolean notH2;

    public LedgerCompaction(DataSource dataSource, MeterRegistry meters,
                            @Value("${gateway.store.compaction.target-fill-rate:80}") int targetFillRate,
                            @Value("${gateway.store.compaction.write-bytes:1048576}") int writeBytes) {
        this.dataSource = dataSource;
        // the ledger writer waits for H2's store lock while a run rewrites pages: this is how long it may wait
        this.runs = Timer.builder("gateway.store.compaction").description("One compaction run of the H2 file")
                .register(meters);
        this.targetFillRate = targetFillRate;
        this.writeBytes = writeBytes;
    }

    /** The H2 file's size and how full it is, for as long as this is the embedded database. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gateway.store.file.size", this, compaction -> compaction.fileStoreFigure(FileStore::size))
                .description("Size of the embedded H2 file").baseUnit("bytes").register(registry);
        Gauge.builder("gateway.store.file.fill", this, compaction -> compaction.fileStoreFigure(FileStore::getFillRate))
                .description("Share of the H2 file taken by chunks, in percent").register(registry);
        Gauge.builder("gateway.store.chunks.fill", this,
                        compaction -> compaction.fileStoreFigure(FileStore::getChunksFillRate))
                .description("Share of the chunks' data that is live, in percent (young chunks count as live)")
                .register(registry);
        FunctionCounter.builder("gateway.store.file.written", this,
                        compaction -> compaction.fileStoreFigure(LedgerCompaction::writtenBytes))
                .description("Bytes written to the H2 file since it was opened").baseUnit("bytes").register(registry);
        FunctionCounter.builder("gateway.store.file.read", this,
                        compaction -> compaction.fileStoreFigure(FileStore::getReadBytes))
                .description("Bytes read from the H2 file (pages not in its cache) since it was opened")
                .baseUnit("bytes").register(registry);
    }

    private static double writtenBytes(FileStore<?> fileStore) {
        try {
            return WRITE_BYTES == null ? Double.NaN : ((AtomicLong) WRITE_BYTES.get(fileStore)).get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** H2 2.3 counts the bytes it writes but has no public getter for them; null if that field ever goes. */
    private static Field writeBytesField() {
        try {
            Field field = FileStore.class.getDeclaredField("writeBytes");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private double fileStoreFigure(ToDoubleFunction<FileStore<?>> figure) {
        if (notH2) {
            return Double.NaN;
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = connection.isWrapperFor(JdbcConnection.class) ? mvStore(connection) : null;
            return store == null || store.getFileStore() == null ? Double.NaN : figure.applyAsDouble(store.getFileStore());
        } catch (SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Rewrites up to {@code writeBytes} of live pages when the file's chunks are less than the target full. Small
     * runs often rather than big ones seldom: a run holds H2's store lock, which the ledger writer's commits wait
     * for (runs of 4 MiB a second took up to 180 ms; docs/benchmarks.md, run I).
     */
    @Scheduled(fixedDelayString = "${gateway.store.compaction.interval:250ms}", initialDelayString = "PT10S")
    public void compact() {
        if (notH2) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                notH2 = true;
                return;
            }
            MVStore store = mvStore(connection);
            if (store != null && !store.isClosed()) {
                runs.record(() -> store.compact(targetFillRate, writeBytes));
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("ledger compaction failed: {}", e.toString());
        }
    }

    /** The chunks' fill rate in percent: the share of the file's chunk data that is still live. */
    public int chunksFillRate() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStore(connection);
            return store == null || store.getFileStore() == null ? 100 : store.getFileStore().getChunksFillRate();
        }
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null; // a client of an H2 server: that server keeps its own file
        }
        return session.getDatabase().getStore() == null ? null : session.getDatabase().getStore().getMvStore();
    }
}
