package io.wagateway.store;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code Idempotency-Key} per app. The primary key makes two concurrent first uses collide in the database. */
@Repository
public class IdempotencyStore {

    public record Entry(String requestHash, String messageId, Instant createdAt) {}

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public IdempotencyStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    public Optional<Entry> find(String appId, String key, Instant notBefore) {
        return jdbc.query("SELECT * FROM idempotency_keys WHERE app_id = ? AND idem_key = ? AND created_at >= ?",
                (rs, n) -> new Entry(rs.getString("request_hash"), rs.getString("message_id"),
                        SqlDialect.instant(rs, "created_at")),
                appId, key, dialect.time(notBefore)).stream().findFirst();
    }

    /** Inserts the key; false if another request holds it (ON CONFLICT: no exception to translate, any database). */
    public boolean insert(String appId, String key, String requestHash, String messageId, Instant at) {
        return jdbc.update("INSERT INTO idempotency_keys (app_id, idem_key, request_hash, message_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", appId, key, requestHash, messageId,
                dialect.time(at)) == 1;
    }

    /** Drops an expired key so the same key can start over. */
    public void deleteExpired(String appId, String key, Instant notBefore) {
        jdbc.update("DELETE FROM idempotency_keys WHERE app_id = ? AND idem_key = ? AND created_at < ?",
                appId, key, dialect.time(notBefore));
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_keys WHERE created_at < ?", dialect.time(cutoff));
    }
}
