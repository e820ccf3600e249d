--liquibase formatted sql

--changeset tollgate:011-usage-daily
-- Per UTC day, owner, key, model and channel ('' when none): what the usage records of that day add up to. Written
-- in the same transaction as the records (by the settlement batch), so it survives the records' pruning.
CREATE TABLE usage_daily (
    day                  DATE         NOT NULL,
    owner_id             VARCHAR(64)  NOT NULL,
    token_id             VARCHAR(64)  NOT NULL,
    model                VARCHAR(200) NOT NULL,
    channel_id           VARCHAR(64)  NOT NULL,
    requests             BIGINT       NOT NULL,
    failed               BIGINT       NOT NULL,
    prompt_tokens        BIGINT       NOT NULL,
    completion_tokens    BIGINT       NOT NULL,
    cached_prompt_tokens BIGINT       NOT NULL,
    reasoning_tokens     BIGINT       NOT NULL,
    images               BIGINT       NOT NULL,
    audio_seconds        BIGINT       NOT NULL,
    cost                 BIGINT       NOT NULL,
    PRIMARY KEY (day, owner_id, token_id, model, channel_id)
);
CREATE INDEX ix_usage_daily_owner_day ON usage_daily (owner_id, day);
CREATE INDEX ix_usage_daily_token_day ON usage_daily (token_id, day);
INSERT INTO usage_daily (day, owner_id, token_id, model, channel_id, requests, failed, prompt_tokens,
        completion_tokens, cached_prompt_tokens, reasoning_tokens, images, audio_seconds, cost)
SELECT (at AT TIME ZONE 'UTC')::date, owner_id, token_id, model, coalesce(channel_id, ''), count(*),
       count(*) FILTER (WHERE outcome <> 'succeeded'), sum(prompt_tokens), sum(completion_tokens),
       sum(cached_prompt_tokens), sum(reasoning_tokens), sum(images), sum(audio_seconds), sum(cost)
FROM usage_record GROUP BY 1, 2, 3, 4, 5;

-- Every usage record before this day has been (or is being) deleted; the daily table answers for those days.
CREATE TABLE usage_retention (
    id            SMALLINT NOT NULL PRIMARY KEY CHECK (id = 1),
    pruned_before DATE     NOT NULL
);

--changeset tollgate:011-audit-entry
-- Who did what, when, from which address: one row per admin-relevant event, keyed by the event's id.
CREATE TABLE audit_entry (
    event_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    at              TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(100) NOT NULL,
    actor_user_id   VARCHAR(64),
    organisation_id VARCHAR(64),
    action          VARCHAR(60)  NOT NULL,
    target_type     VARCHAR(30)  NOT NULL,
    target_id       VARCHAR(200) NOT NULL,
    details         VARCHAR(1000),
    client_address  VARCHAR(64),
    request_id      VARCHAR(64)
);
CREATE INDEX ix_audit_entry_at ON audit_entry (at DESC);
CREATE INDEX ix_audit_entry_actor_user_at ON audit_entry (actor_user_id, at DESC);
CREATE INDEX ix_audit_entry_target ON audit_entry (target_type, target_id);
CREATE INDEX ix_audit_entry_organisation_at ON audit_entry (organisation_id, at DESC);

--changeset tollgate:011-username-claim
-- One row per username in use (lower case), inserted in the same transaction as the user's registration event, so
-- two registrations of one name at the same moment cannot both succeed; deleted with the user.
CREATE TABLE username_claim (
    username VARCHAR(32) NOT NULL PRIMARY KEY,
    user_id  VARCHAR(64) NOT NULL UNIQUE
);
INSERT INTO username_claim (username, user_id)
SELECT lower(convert_from(r.payload, 'UTF8')::json ->> 'username'), r.aggregate_identifier
FROM domain_event_entry r
WHERE r.payload_type = 'dev.tollgate.domain.account.event.UserRegisteredEvent'
  AND NOT EXISTS (SELECT 1 FROM domain_event_entry d
                  WHERE d.aggregate_identifier = r.aggregate_identifier
                    AND d.payload_type = 'dev.tollgate.domain.account.event.UserDeletedEvent')
ORDER BY r.global_index
ON CONFLICT DO NOTHING;
