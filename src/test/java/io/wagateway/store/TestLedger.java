package io.wagateway.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An embedded ledger in a file of the test's own folder, with the settings application.yml gives it. */
public final class TestLedger {

    private TestLedger() {
    }

    /** An empty database. */
    public static DataSource empty(Path dir) {
        return new DriverManagerDataSource("jdbc:sqlite:" + dir.resolve("ledger.db") + "?journal_mode=WAL"
                + "&synchronous=FULL&transaction_mode=IMMEDIATE&busy_timeout=10000&foreign_keys=true");
    }

    /** A database with the gateway's schema. */
    public static DataSource migrated(Path dir) {
        DataSource dataSource = empty(dir);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        return dataSource;
    }
}
