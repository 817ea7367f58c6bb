package io.wagateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wagateway.model.ContentType;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import io.wagateway.model.Pricing;
import io.wagateway.model.Recipient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The message ledger and its history. Status changes are conditional updates, so they are safe across instances. */
@Repository
public class MessageStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ContentCodec contentCodec;
    private final SqlDialect dialect;

    public MessageStore(JdbcTemplate jdbc, ObjectMapper mapper, ContentCodec contentCodec, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.contentCodec = contentCodec;
        this.dialect = dialect;
    }

    public void insert(StoredMessage m) {
        jdbc.update("""
                INSERT INTO messages (id, app_id, sender_id, connector_id, recipient_phone, recipient_user_id,
                  client_reference, content_type, content_json, reply_to, identity_hash, status, is_final,
                  accepted_at, valid_until, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                m.id(), m.appId(), m.senderId(), m.connectorId(), m.to().phone(), m.to().userId(),
                m.clientReference(), m.content().contentType().wireName(), contentCodec.toJson(m.content()),
                m.replyTo(), m.identityHash(), m.status().name(), m.status().isFinal(), ts(m.acceptedAt()),
                ts(m.validUntil()), ts(m.acceptedAt()));
        addHistory(m.id(), m.status(), null, m.acceptedAt(), "gateway", null);
    }

    public Optional<StoredMessage> find(String id) {
        return jdbc.query("SELECT * FROM messages WHERE id = ?", rowMapper, id).stream().findFirst();
    }

    public Optional<StoredMessage> findByProviderMessageId(String providerMessageId) {
        return jdbc.query("SELECT * FROM messages WHERE provider_message_id = ?", rowMapper, providerMessageId)
                .stream().findFirst();
    }

    public List<StoredMessage> findByClientReference(String appId, String clientReference, int limit) {
        return jdbc.query("SELECT * FROM messages WHERE app_id = ? AND client_reference = ? ORDER BY accepted_at, id "
                + "LIMIT ?", rowMapper, appId, clientReference, limit);
    }

    /** Records that a provider took the message: the sent marker, the provider's id and the connector used. */
    public void markSubmitted(String id, String connectorId, String providerMessageId, Instant at) {
        jdbc.update("UPDATE messages SET provider_message_id = ?, connector_id = ?, submitted_at = ? WHERE id = ?",
                providerMessageId, connectorId, ts(at), id);
    }

    /** The same, from a receipt that came before the send response; a recorded send response wins. */
    public void markSubmittedIfUnknown(String id, String connectorId, String providerMessageId, Instant at) {
        jdbc.update("UPDATE messages SET provider_message_id = ?, connector_id = ?, submitted_at = ? "
                + "WHERE id = ? AND submitted_at IS NULL", providerMessageId, connectorId, ts(at), id);
    }

    /**
     * Moves a message to {@code next} only if its current status allows it (forward only, never out of a final
     * status). Returns whether it moved. The check is in the UPDATE itself, so concurrent receipts cannot race.
     */
    public boolean advance(String id, MessageStatus next, MessageError error, Instant at) {
        return advance(id, next, error, null, at);
    }

    /** The same, also recording the pricing that came with the status, in the one UPDATE. */
    public boolean advance(String id, MessageStatus next, MessageError error, Pricing pricing, Instant at) {
        return jdbc.update("UPDATE messages SET status = ?, is_final = ?, error_json = COALESCE(?, error_json), "
                        + "pricing_json = COALESCE(?, pricing_json), updated_at = ? WHERE id = ? AND status IN ("
                        + MOVABLE_TO.get(next) + ")",
                next.name(), next.isFinal(), json(error), json(pricing), ts(at), id) == 1;
    }

    /**
     * A provider took the message: ACCEPTED becomes SUBMITTED with the provider's id, in one UPDATE. False when a
     * receipt already moved it further; then call {@link #markSubmitted} to record the id.
     */
    public boolean submitted(String id, String connectorId, String providerMessageId, Instant at) {
        return jdbc.update("UPDATE messages SET status = ?, is_final = ?, provider_message_id = ?, connector_id = ?, "
                        + "submitted_at = ?, updated_at = ? WHERE id = ? AND status IN ("
                        + MOVABLE_TO.get(MessageStatus.SUBMITTED) + ")",
                MessageStatus.SUBMITTED.name(), false, providerMessageId, connectorId, ts(at), ts(at), id) == 1;
    }

    /** For each status, the SQL list of the statuses a message may move to it from. */
    private static final Map<MessageStatus, String> MOVABLE_TO = new EnumMap<>(MessageStatus.class);

    static {
        for (MessageStatus next : MessageStatus.values()) {
            MOVABLE_TO.put(next, Arrays.stream(MessageStatus.values()).filter(s -> s.canMoveTo(next))
                    .map(s -> "'" + s.name() + "'").collect(Collectors.joining(",")));
        }
    }

    public void setPricing(String id, Pricing pricing) {
        jdbc.update("UPDATE messages SET pricing_json = ? WHERE id = ?", json(pricing), id);
    }

    public void addHistory(String id, MessageStatus status, String providerStatus, Instant occurredAt, String source,
                           MessageError error) {
        addReceipt(id, null, status, providerStatus, occurredAt, source, error);
    }

    /**
     * Records a receipt in the history unless one with the same key (the connector's dedupe key) is there already.
     * Returns false for a repeat; the unique index decides, so concurrent deliveries of one receipt cannot both win.
     */
    public boolean addReceipt(String id, String receiptKey, MessageStatus status, String providerStatus,
                              Instant occurredAt, String source, MessageError error) {
        return jdbc.update("""
                INSERT INTO message_history (message_id, receipt_key, status, provider_status, occurred_at,
                  recorded_at, source, error_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                id, receiptKey, status.name(), providerStatus, ts(occurredAt), ts(Instant.now()), source,
                json(error)) == 1;
    }

    /**
     * The history in the order things happened. A message is accepted, then submitted once, then anything else, so
     * those come first whatever their times: a send response recorded late (its receipts came first) still shows
     * before them. The rest go by time; providers give whole seconds, so within one second the status rank decides
     * (a receipt stamped 12:00:00 did not happen before one stamped 12:00:00 of a lower rank).
     */
    public List<HistoryEntry> history(String id) {
        List<HistoryEntry> entries = jdbc.query("SELECT * FROM message_history WHERE message_id = ? ORDER BY id",
                (rs, n) -> new HistoryEntry(MessageStatus.valueOf(rs.getString("status")),
                        SqlDialect.instant(rs, "occurred_at"), rs.getString("source"), rs.getString("provider_status"),
                        read(rs.getString("error_json"), MessageError.class)), id);
        return entries.stream().sorted(Comparator
                        .comparing((HistoryEntry h) -> Math.min(h.status().rank(), MessageStatus.SENT.rank()))
                        .thenComparing(h -> h.at().truncatedTo(ChronoUnit.SECONDS))
                        .thenComparing(h -> h.status().rank()))
                .toList();
    }

    /** Removes a message that was never acknowledged to the app (its enqueue failed). */
    public void delete(String id) {
        jdbc.update("DELETE FROM idempotency_keys WHERE message_id = ?", id);
        jdbc.update("DELETE FROM message_history WHERE message_id = ?", id);
        jdbc.update("DELETE FROM messages WHERE id = ?", id);
    }

    private final RowMapper<StoredMessage> rowMapper = this::mapRow;

    private StoredMessage mapRow(ResultSet rs, int rowNum) throws SQLException {
        ContentType type = ContentType.byWireName(rs.getString("content_type")).orElseThrow();
        return new StoredMessage(rs.getString("id"), rs.getString("app_id"), rs.getString("sender_id"),
                rs.getString("connector_id"),
                new Recipient(rs.getString("recipient_phone"), rs.getString("recipient_user_id")),
                rs.getString("client_reference"), contentCodec.fromJson(type, rs.getString("content_json")),
                rs.getString("reply_to"), rs.getString("identity_hash"), MessageStatus.valueOf(rs.getString("status")),
                rs.getString("provider_message_id"), read(rs.getString("error_json"), MessageError.class),
                read(rs.getString("pricing_json"), Pricing.class), SqlDialect.instant(rs, "accepted_at"),
                SqlDialect.instant(rs, "valid_until"), SqlDialect.instant(rs, "submitted_at"));
    }

    private Object ts(Instant instant) {
        return dialect.time(instant);
    }

    private String json(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
