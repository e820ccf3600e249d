--liquibase formatted sql

--changeset tollgate:012-open-reservations
-- Reservations recorded (QuotaReservedEvent) and not settled yet, kept in the transaction that stores those events;
-- and the processes that hold them, with their last heartbeat (the database's clock).
CREATE TABLE open_reservation (
    request_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_id    VARCHAR(64)  NOT NULL,
    owner_id    VARCHAR(64)  NOT NULL,
    model       VARCHAR(200) NOT NULL,
    amount      BIGINT       NOT NULL,
    node        VARCHAR(64)  NOT NULL,
    reserved_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_open_reservation_node ON open_reservation (node, reserved_at);

CREATE TABLE billing_node (
    node       VARCHAR(64) NOT NULL PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    seen_at    TIMESTAMPTZ NOT NULL
);
