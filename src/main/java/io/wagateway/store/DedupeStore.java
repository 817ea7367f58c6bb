package io.wagateway.store;

import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Remembers provider webhooks already taken in, by a key the connector derives (e.g. wamid and status). */
@Repository
public class DedupeStore {

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public DedupeStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** True the first time a key is seen for a connector; false for a repeat. Runs inside the caller's transaction. */
    public boolean firstTime(String connectorId, String key, Instant at) {
        // ON CONFLICT rather than catching the violation: on PostgreSQL a violation aborts the whole transaction.
        return jdbc.update("INSERT INTO webhook_dedupe (connector_id, dedupe_key, received_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", connectorId, key, dialect.time(at)) == 1;
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM webhook_dedupe WHERE received_at < ?", dialect.time(cutoff));
    }
}
