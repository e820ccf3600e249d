--liquibase formatted sql

--changeset tollgate:008-keys-and-rate-limits
-- when each key was last used, to the second; flushed from memory every 30 s by each node (not an event: an
-- observation of traffic, not a change of the key)
CREATE TABLE token_last_used (
    token_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    last_used_at TIMESTAMPTZ NOT NULL
);

-- Bucket4j's token buckets for RPM/TPM limits, shared by every node: one row per bucket (e.g. key:<id>:rpm:60),
-- its state serialized by Bucket4j, locked with SELECT ... FOR UPDATE while a request takes from it;
-- expires_at (epoch milliseconds) tells when a full bucket may be deleted
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(200) NOT NULL PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX ix_rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
