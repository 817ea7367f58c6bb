-- What the gateway knows about each WhatsApp user per sender: ids and the latest identity key hash.
-- contact_key is the wa_id when known, else the business-scoped user id.
CREATE TABLE contacts (
    sender_id     VARCHAR(64)  NOT NULL,
    contact_key   VARCHAR(128) NOT NULL,
    phone         VARCHAR(32),
    wa_id         VARCHAR(32),
    user_id       VARCHAR(128),
    name          VARCHAR(256),
    identity_hash VARCHAR(128),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sender_id, contact_key)
);
CREATE INDEX ix_contacts_user ON contacts (sender_id, user_id);

-- Inbound media: the gateway's id for a provider's media handle, so apps fetch it with their own key.
CREATE TABLE media (
    id            VARCHAR(40)   PRIMARY KEY,
    connector_id  VARCHAR(64)   NOT NULL,
    sender_id     VARCHAR(64)   NOT NULL,
    provider_ref  VARCHAR(2048) NOT NULL,
    mime_type     VARCHAR(128),
    filename      VARCHAR(256),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
