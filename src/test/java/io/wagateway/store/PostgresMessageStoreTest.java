package io.wagateway.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** {@link MessageStoreTest} on PostgreSQL: its migrations, and the SQL that differs (SqlDialect). */
class PostgresMessageStoreTest extends MessageStoreTest {

    @BeforeAll
    static void needsPostgres() {
        Assumptions.assumeTrue(TestPostgres.installed(), "PostgreSQL is not installed");
    }

    @Override
    DataSource ledger(Path dir) {
        return TestPostgres.migrated();
    }
}
