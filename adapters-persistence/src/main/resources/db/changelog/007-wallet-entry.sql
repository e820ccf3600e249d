--liquibase formatted sql

--changeset tollgate:007-wallet-entry
CREATE TABLE wallet_entry (
    event_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL,
    owner_id  VARCHAR(64)  NOT NULL,
    kind      VARCHAR(20)  NOT NULL,
    amount    BIGINT       NOT NULL,
    reference VARCHAR(100),
    reason    VARCHAR(500),
    actor     VARCHAR(100) NOT NULL
);
CREATE INDEX ix_wallet_entry_owner_at ON wallet_entry (owner_id, at);
