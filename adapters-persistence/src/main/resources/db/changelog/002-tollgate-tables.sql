--liquibase formatted sql

--changeset tollgate:002-channel-secret
CREATE TABLE channel_secret (
    channel_id VARCHAR(64) NOT NULL PRIMARY KEY,
    key_id     VARCHAR(64) NOT NULL,
    nonce      BYTEA       NOT NULL,
    ciphertext BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

--changeset tollgate:002-setting
CREATE TABLE setting (
    name       VARCHAR(128) NOT NULL PRIMARY KEY,
    value      TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
