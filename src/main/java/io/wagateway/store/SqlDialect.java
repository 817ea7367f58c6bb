package io.wagateway.store;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/** The few places where the embedded ledger (SQLite) and PostgreSQL need different SQL or parameters. */
@Component
public class SqlDialect {

    /** Fixed width, so that text order is time order (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter SQLITE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final boolean sqlite;

    public SqlDialect(DataSource dataSource) {
        try {
            this.sqlite = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
                    .equalsIgnoreCase("SQLite");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the ledger is on", e);
        }
    }

    /**
     * Now, to the microsecond: what both ledgers keep. A time the API or an event shows before it is read back
     * (an {@code acceptedAt} in a 202, a status's time in its event) is then the one a later read gives.
     */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A time as a statement parameter: text on SQLite, which has no time type; a timestamptz on PostgreSQL. */
    public Object time(Instant at) {
        if (at == null) {
            return null;
        }
        return sqlite ? SQLITE_TIME.format(at) : at.atOffset(ZoneOffset.UTC);
    }

    /** Reads a time written by {@link #time}. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        return value instanceof String text ? Instant.parse(text)
                : rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /**
     * Appended to a SELECT that reads a row the transaction will then write. SQLite has no row locks and needs
     * none: its transactions begin IMMEDIATE (application.yml), holding the one write lock from the start.
     */
    public String forUpdate() {
        return sqlite ? "" : " FOR UPDATE";
    }

    /** The smaller of two values: SQLite's two-argument MIN is PostgreSQL's LEAST. */
    public String least(String a, String b) {
        return (sqlite ? "MIN(" : "LEAST(") + a + ", " + b + ")";
    }
}
