--liquibase formatted sql

--changeset tollgate:004-usage-record
CREATE TABLE usage_record (
    request_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    at                TIMESTAMPTZ  NOT NULL,
    owner_id          VARCHAR(64)  NOT NULL,
    token_id          VARCHAR(64)  NOT NULL,
    channel_id        VARCHAR(64),
    model             VARCHAR(200) NOT NULL,
    upstream_model    VARCHAR(200),
    prompt_tokens     BIGINT       NOT NULL,
    completion_tokens BIGINT       NOT NULL,
    cost              BIGINT       NOT NULL,
    latency_ms        BIGINT       NOT NULL,
    upstream_status   INTEGER      NOT NULL,
    outcome           VARCHAR(20)  NOT NULL,
    stream            BOOLEAN      NOT NULL
);
CREATE INDEX ix_usage_record_at ON usage_record (at DESC);
CREATE INDEX ix_usage_record_owner_at ON usage_record (owner_id, at DESC);
CREATE INDEX ix_usage_record_token_at ON usage_record (token_id, at DESC);
