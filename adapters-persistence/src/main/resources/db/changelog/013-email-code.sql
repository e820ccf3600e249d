--liquibase formatted sql

--changeset tollgate:013-email-code
-- Codes sent by e-mail (address verification, password reset): only their SHA-256; used once, expire.
CREATE TABLE email_code (
    code_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    purpose    VARCHAR(30)  NOT NULL,
    user_id    VARCHAR(64)  NOT NULL,
    email      VARCHAR(254) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX ix_email_code_expires ON email_code (expires_at);
