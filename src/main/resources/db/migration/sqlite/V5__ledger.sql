-- The embedded ledger: the PostgreSQL schema (../postgresql, V1 to V5) in one script, at that schema's version, so
-- a later migration is added to both folders under the same number. SQLite has no time type: times are ISO-8601
-- text in UTC with six fraction digits (SqlDialect.time), which sorts and compares as the times do. STRICT makes a
-- value of the wrong type an error instead of a silent conversion.

-- one row per accepted message, written before the API answers 202
CREATE TABLE messages (
    id                  TEXT    PRIMARY KEY,
    app_id              TEXT    NOT NULL,
    sender_id           TEXT    NOT NULL,
    connector_id        TEXT    NOT NULL,
    recipient_phone     TEXT,
    recipient_user_id   TEXT,
    client_reference    TEXT,
    content_type        TEXT    NOT NULL,
    content_json        TEXT    NOT NULL,
    reply_to            TEXT,
    identity_hash       TEXT,
    status              TEXT    NOT NULL,
    is_final            INTEGER NOT NULL,
    provider_message_id TEXT,
    error_json          TEXT,
    pricing_json        TEXT,
    accepted_at         TEXT    NOT NULL,
    valid_until         TEXT,
    -- the "sent" marker: set once a provider accepted the message, checked before every provider call
    submitted_at        TEXT,
    updated_at          TEXT    NOT NULL
) STRICT;
CREATE INDEX ix_messages_provider_id ON messages (provider_message_id);
CREATE INDEX ix_messages_app_reference ON messages (app_id, client_reference);

-- Every status a message went through, and every receipt, in the order they were recorded. A receipt carries the
-- connector's dedupe key, and the unique index makes a repeated receipt change nothing (NULLs never collide).
CREATE TABLE message_history (
    id              INTEGER PRIMARY KEY,
    message_id      TEXT    NOT NULL REFERENCES messages (id),
    status          TEXT    NOT NULL,
    provider_status TEXT,
    occurred_at     TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    error_json      TEXT,
    receipt_key     TEXT
) STRICT;
CREATE UNIQUE INDEX ux_history_receipt ON message_history (message_id, receipt_key);

-- Idempotency-Key per app, kept 24 h: the same key returns the first message.
CREATE TABLE idempotency_keys (
    app_id       TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (app_id, idem_key)
) STRICT;

-- Provider webhooks already taken in, so a repeated one changes nothing.
CREATE TABLE webhook_dedupe (
    connector_id TEXT NOT NULL,
    dedupe_key   TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (connector_id, dedupe_key)
) STRICT;
CREATE INDEX ix_dedupe_received ON webhook_dedupe (received_at);

-- What the gateway knows about each WhatsApp user per sender: ids and the latest identity key hash.
-- contact_key is the wa_id when known, else the business-scoped user id.
CREATE TABLE contacts (
    sender_id     TEXT NOT NULL,
    contact_key   TEXT NOT NULL,
    phone         TEXT,
    wa_id         TEXT,
    user_id       TEXT,
    name          TEXT,
    identity_hash TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (sender_id, contact_key)
) STRICT;
CREATE INDEX ix_contacts_user ON contacts (sender_id, user_id);

-- Inbound media: the gateway's id for a provider's media handle, so apps fetch it with their own key.
CREATE TABLE media (
    id            TEXT PRIMARY KEY,
    connector_id  TEXT NOT NULL,
    sender_id     TEXT NOT NULL,
    provider_ref  TEXT NOT NULL,
    mime_type     TEXT,
    filename      TEXT,
    created_at    TEXT NOT NULL
) STRICT;

-- Token buckets, one per sender (its throughput). Taking tokens is one conditional UPDATE.
CREATE TABLE rate_buckets (
    bucket_key TEXT    PRIMARY KEY,
    tokens     REAL    NOT NULL,
    updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX ix_rate_buckets_updated ON rate_buckets (updated_ms);
