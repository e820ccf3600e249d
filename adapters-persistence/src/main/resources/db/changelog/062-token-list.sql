--liquibase formatted sql

--changeset tollgate:062-token-list
-- The admin API's lists of keys (ADR 12), kept by the JPA projection in processor token-list (from the start of the
-- log on a fresh table). A deleted key's row is deleted. Never a key's hash: only its masked form. The live figures
-- (used, remaining quota, last use) are not here: the list merges them from the in-memory ledger for each page.
CREATE TABLE token_listing (
    token_id        TEXT        NOT NULL PRIMARY KEY,
    owner_id        TEXT        NOT NULL,
    organization_id TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    masked_key      TEXT        NOT NULL,
    status          VARCHAR(16) NOT NULL,
    quota           BIGINT      NOT NULL,
    unlimited_quota BOOLEAN     NOT NULL,
    expires_at      TIMESTAMPTZ,
    models          VARCHAR[]   NOT NULL,
    key_group       TEXT        NOT NULL,
    subnets         VARCHAR[]   NOT NULL,
    rpm             BIGINT,
    tpm             BIGINT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
-- every list's order (newest first, then id) and keyset: all keys, an owner's, an organisation's
CREATE INDEX ix_token_listing_created ON token_listing (created_at DESC, token_id);
CREATE INDEX ix_token_listing_owner ON token_listing (owner_id, created_at DESC, token_id);
CREATE INDEX ix_token_listing_organization ON token_listing (organization_id, created_at DESC, token_id);
