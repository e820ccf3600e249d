--liquibase formatted sql

--changeset tollgate:030-user-account
-- The admin API's list of users (ADR 12): one row per user not deleted, kept by the JPA projection in processor
-- user-accounts (from the start of the log on a fresh table); keyset order (registered_at, user_id).
CREATE TABLE user_account (
    user_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_user_account_registered ON user_account (registered_at, user_id);
