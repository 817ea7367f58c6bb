-- A receipt's history row carries the connector's dedupe key, and a unique index on it makes a repeated receipt
-- change nothing. This replaces a separate webhook_dedupe row per receipt: one insert and two index updates fewer
-- for three of every four ledger writes, and a receipt is recognised as long as its message is kept (not 72 h).
-- Rows without a key (our own statuses) never collide: NULLs are distinct in a unique index.
ALTER TABLE message_history ADD COLUMN receipt_key VARCHAR(400);
CREATE UNIQUE INDEX ux_history_receipt ON message_history (message_id, receipt_key);
-- the new index starts with message_id too, and serves every lookup the old one did
DROP INDEX ix_history_message;
