package io.wagateway.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Maps the gateway's media ids to the provider's handles; apps only ever see the gateway's. */
@Repository
public class MediaStore {

    public record Media(String id, String connectorId, String senderId, String providerRef, String mimeType,
                        String filename) {}

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public MediaStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** The id depends only on the connector and the handle, so a redelivered webhook yields the same URL. */
    public String register(String connectorId, String senderId, String providerRef, String mimeType, String filename,
                           Instant at) {
        String id = UUID.nameUUIDFromBytes((connectorId + "|" + providerRef).getBytes(StandardCharsets.UTF_8))
                .toString();
        jdbc.update("INSERT INTO media (id, connector_id, sender_id, provider_ref, mime_type, filename, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", id, connectorId, senderId, providerRef,
                mimeType, filename, dialect.time(at));
        return id;
    }

    public Optional<Media> find(String id) {
        return jdbc.query("SELECT * FROM media WHERE id = ?", (rs, n) -> new Media(rs.getString("id"),
                rs.getString("connector_id"), rs.getString("sender_id"), rs.getString("provider_ref"),
                rs.getString("mime_type"), rs.getString("filename")), id).stream().findFirst();
    }
}
