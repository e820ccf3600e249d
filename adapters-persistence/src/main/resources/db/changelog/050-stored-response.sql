--liquibase formatted sql

--changeset tollgate:050-stored-response
CREATE TABLE stored_response (
    id              VARCHAR(200) PRIMARY KEY,
    upstream_id     VARCHAR(200),
    token_id        VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    channel_id      VARCHAR(64),
    channel_type    VARCHAR(40),
    model           VARCHAR(200) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    background      BOOLEAN      NOT NULL,
    input_items     TEXT         NOT NULL,
    body            TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_stored_response_expires ON stored_response (expires_at);
