package io.wagateway.store;

import io.wagateway.connector.ContactRef;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The identity store: per (sender, contact) the known ids and the latest identity key hash. */
@Repository
public class ContactStore {

    /** A stored contact. */
    public record Contact(String senderId, String key, String phone, String waId, String userId, String name,
                          String identityHash) {}

    private static final RowMapper<Contact> CONTACT = (rs, n) -> new Contact(rs.getString("sender_id"),
            rs.getString("contact_key"), rs.getString("phone"), rs.getString("wa_id"), rs.getString("user_id"),
            rs.getString("name"), rs.getString("identity_hash"));

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public ContactStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** wa_id first (stable for a number), else the business-scoped user id, else the phone's digits. */
    public static String keyOf(ContactRef ref) {
        if (ref.waId() != null) {
            return ref.waId();
        }
        if (ref.userId() != null) {
            return ref.userId();
        }
        return ref.phone() == null ? null : ref.phone().replace("+", "");
    }

    /** The stored contact a message goes to, by phone (as wa_id or phone) or business-scoped user id. */
    public Optional<Contact> findRecipient(String senderId, io.wagateway.model.Recipient to) {
        String digits = to.phone() == null ? null : to.phone().replace("+", "");
        return jdbc.query("SELECT * FROM contacts WHERE sender_id = ? AND (contact_key = ? OR wa_id = ? OR phone = ? "
                        + "OR user_id = ?) ORDER BY updated_at DESC", CONTACT,
                senderId, digits != null ? digits : to.userId(), digits, to.phone(), to.userId())
                .stream().findFirst();
    }

    public Optional<Contact> find(String senderId, String key) {
        return jdbc.query("SELECT * FROM contacts WHERE sender_id = ? AND contact_key = ?", CONTACT, senderId, key)
                .stream().findFirst();
    }

    /**
     * Merges what a webhook said about a contact into the store (known values are never erased by a webhook that
     * leaves them out) and returns the contact as it was before, if it was known. Runs in the caller's transaction;
     * the row is locked, so two instances cannot both miss a hash change.
     */
    public Optional<Contact> upsert(String senderId, ContactRef ref, Instant at) {
        String key = keyOf(ref);
        if (key == null) {
            return Optional.empty();
        }
        Optional<Contact> before = jdbc.query("SELECT * FROM contacts WHERE sender_id = ? AND contact_key = ?"
                + dialect.forUpdate(), CONTACT, senderId, key).stream().findFirst();
        if (before.isEmpty()) {
            jdbc.update("INSERT INTO contacts (sender_id, contact_key, phone, wa_id, user_id, name, identity_hash, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    senderId, key, ref.phone(), ref.waId(), ref.userId(), ref.name(), ref.identityHash(),
                    dialect.time(at));
        } else {
            jdbc.update("UPDATE contacts SET phone = COALESCE(?, phone), wa_id = COALESCE(?, wa_id), "
                            + "user_id = COALESCE(?, user_id), name = COALESCE(?, name), "
                            + "identity_hash = COALESCE(?, identity_hash), updated_at = ? "
                            + "WHERE sender_id = ? AND contact_key = ?",
                    ref.phone(), ref.waId(), ref.userId(), ref.name(), ref.identityHash(), dialect.time(at),
                    senderId, key);
        }
        return before;
    }
}
