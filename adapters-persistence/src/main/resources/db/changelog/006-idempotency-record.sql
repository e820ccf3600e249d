--liquibase formatted sql

--changeset tollgate:006-idempotency-record
CREATE TABLE idempotency_record (
    scope        VARCHAR(100) NOT NULL,
    idem_key     VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    status       INTEGER,
    content_type VARCHAR(200),
    body         BYTEA,
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX ix_idempotency_record_created ON idempotency_record (created_at);
