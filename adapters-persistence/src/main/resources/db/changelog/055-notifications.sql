--liquibase formatted sql

--changeset tollgate:055-notifications
-- Balance thresholds of users' and organisations' wallets and of keys, a user's language for mails, and whether the
-- current crossing of a threshold was already told (set by the first node that told it; cleared when the balance is
-- back at or above the threshold, or the threshold changes).
CREATE TABLE notification_setting (
    subject_kind      VARCHAR(16)  NOT NULL,
    subject_id        VARCHAR(64)  NOT NULL,
    balance_threshold BIGINT,
    language          VARCHAR(8),
    notified          BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);

-- Webhooks that receive notification events: organization_id NULL for a platform-wide one. The signing secret is
-- sealed with the installation's secret key (AES-256-GCM, the webhook's id as associated data), never in clear.
CREATE TABLE notification_webhook (
    id              VARCHAR(64)   PRIMARY KEY,
    organization_id VARCHAR(64),
    url             VARCHAR(2048) NOT NULL,
    secret          TEXT          NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX notification_webhook_organization ON notification_webhook (organization_id, created_at);
