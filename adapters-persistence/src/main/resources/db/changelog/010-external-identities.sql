--liquibase formatted sql

--changeset tollgate:010-external-identities
-- Which user an external identity signs in as. Written in the same transaction as the event that links or unlinks
-- it, so the primary key refuses a second user for one identity even when two sign-ins race.
CREATE TABLE external_identity (
    provider  VARCHAR(20)  NOT NULL,
    subject   VARCHAR(255) NOT NULL,
    user_id   VARCHAR(64)  NOT NULL,
    linked_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX ix_external_identity_user ON external_identity (user_id);

-- One-time codes of the external sign-in (hand-off codes, link tickets, pending links): SHA-256 of the code only,
-- consumed by one DELETE ... RETURNING, so a code works once across every node.
CREATE TABLE sign_in_code (
    code_hash  CHAR(64)     PRIMARY KEY,
    purpose    VARCHAR(20)  NOT NULL,
    user_id    VARCHAR(64)  NOT NULL,
    provider   VARCHAR(20),
    subject    VARCHAR(255),
    login      VARCHAR(255),
    email      VARCHAR(320),
    expires_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_sign_in_code_expires ON sign_in_code (expires_at);
