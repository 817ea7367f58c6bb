package io.wagateway.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Token buckets in the database, so a rate holds across all gateway instances. A bucket refills at
 * {@code perSecond} up to {@code capacity}; taking a token is a single conditional UPDATE.
 */
@Repository
public class RateBuckets {

    private final JdbcTemplate jdbc;
    /** The tokens a bucket holds now: capacity, now and the rate are its parameters. */
    private final String available;

    public RateBuckets(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.available = dialect.least("?", "tokens + (? - updated_ms) * ? / 1000.0");
    }

    /** What a take got: {@code granted} tokens, or none and how long until one is available. */
    public record Take(int granted, long waitMillis) {}

    /** Takes {@code wanted} tokens if that many are there, else one, else none and the wait. */
    public Take take(String key, double perSecond, double capacity, int wanted) {
        long now = System.currentTimeMillis();
        for (int n : wanted > 1 ? new int[] {wanted, 1} : new int[] {1}) {
            if (jdbc.update("UPDATE rate_buckets SET tokens = " + available + " - ?, updated_ms = ? "
                            + "WHERE bucket_key = ? AND " + available + " >= ?",
                    capacity, now, perSecond, n, now, key, capacity, now, perSecond, n) == 1) {
                return new Take(n, 0);
            }
        }
        int first = (int) Math.min(wanted, capacity);
        if (jdbc.update("INSERT INTO rate_buckets (bucket_key, tokens, updated_ms) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", key, capacity - first, now) == 1) {
            return new Take(first, 0);
        }
        Double tokens = jdbc.query("SELECT " + available + " FROM rate_buckets WHERE bucket_key = ?",
                rs -> rs.next() ? rs.getDouble(1) : null, capacity, now, perSecond, key);
        double missing = 1 - (tokens == null ? 0 : tokens);
        return new Take(0, Math.max(1, (long) Math.ceil(missing / perSecond * 1000)));
    }

    /** Forgets buckets untouched for a while; a missing bucket starts full, which an idle one would be anyway. */
    public int purgeIdleSince(long epochMillis) {
        return jdbc.update("DELETE FROM rate_buckets WHERE updated_ms < ?", epochMillis);
    }
}
