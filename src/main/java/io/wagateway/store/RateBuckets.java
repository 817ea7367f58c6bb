package io.wagateway.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Token buckets in the database, so a rate holds across all gateway instances. A bucket refills at
 * {@code perSecond} up to {@code capacity}; taking a token is a single conditional UPDATE.
 */
@Repository
public class RateBuckets {

    private static final String AVAILABLE = "LEAST(?, tokens + (? - updated_ms) * ? / 1000.0)";

    private final JdbcTemplate jdbc;

    public RateBuckets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes one token: 0 when taken, else how many milliseconds until one is available. */
    public long take(String key, double perSecond, double capacity) {
        long now = System.currentTimeMillis();
        int taken = jdbc.update("UPDATE rate_buckets SET tokens = " + AVAILABLE + " - 1, updated_ms = ? "
                        + "WHERE bucket_key = ? AND " + AVAILABLE + " >= 1",
                capacity, now, perSecond, now, key, capacity, now, perSecond);
        if (taken == 1) {
            return 0;
        }
        if (jdbc.update("INSERT INTO rate_buckets (bucket_key, tokens, updated_ms) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", key, capacity - 1, now) == 1) {
            return 0;
        }
        Double available = jdbc.query("SELECT " + AVAILABLE + " FROM rate_buckets WHERE bucket_key = ?",
                rs -> rs.next() ? rs.getDouble(1) : null, capacity, now, perSecond, key);
        double missing = 1 - (available == null ? 0 : available);
        return Math.max(1, (long) Math.ceil(missing / perSecond * 1000));
    }

    /** Forgets buckets untouched for a while; a missing bucket starts full, which an idle one would be anyway. */
    public int purgeIdleSince(long epochMillis) {
        return jdbc.update("DELETE FROM rate_buckets WHERE updated_ms < ?", epochMillis);
    }
}
