--liquibase formatted sql

--changeset tollgate:065-redemption-batch-list
-- The admin API's list of redemption batches (ADR 12), kept by the JPA projection in processor redemption-batch-list
-- (from the start of the log on a fresh table). A row per batch (a deleted one is marked, not listed) and a row per
-- code, so that a code counts once as redeemed however often its redemption is replayed. Codes are never stored in
-- clear: a code row is keyed by the SHA-256 hash the events carry. The status (active, used_up, expired, disabled) is
-- computed when the list is read, from disabled, expires_at and the two counts.
CREATE TABLE redemption_batch_listing (
    batch_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    name           VARCHAR(100) NOT NULL,
    code_value     BIGINT       NOT NULL,
    expires_at     TIMESTAMPTZ,
    disabled       BOOLEAN      NOT NULL,
    deleted        BOOLEAN      NOT NULL,
    code_count     INTEGER      NOT NULL,
    redeemed_count INTEGER      NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);
-- the list's order: newest first
CREATE INDEX ix_redemption_batch_listing_created ON redemption_batch_listing (created_at DESC, batch_id DESC);

CREATE TABLE redemption_code_listing (
    code_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
    batch_id    VARCHAR(64) NOT NULL,
    redeemed_at TIMESTAMPTZ
);
CREATE INDEX ix_redemption_code_listing_batch ON redemption_code_listing (batch_id);
