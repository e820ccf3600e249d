--liquibase formatted sql

--changeset tollgate:061-channel-list
-- The admin API's lists of channels (ADR 12), kept by the JPA projection in processor channel-list (from the start of
-- the log on a fresh table). A deleted channel's row is deleted. Never an upstream key: only the masked keys the
-- channel events carry (the clear keys stay sealed in channel_secret). Models and groups are arrays (the filters use
-- them); the model mapping and the options are JSON text, shown as they are.
CREATE TABLE channel_listing (
    channel_id      TEXT        NOT NULL PRIMARY KEY,
    name            TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    base_url        TEXT        NOT NULL,
    masked_keys     VARCHAR[]   NOT NULL,
    models          VARCHAR[]   NOT NULL,
    model_mapping   TEXT        NOT NULL,
    channel_groups  VARCHAR[]   NOT NULL,
    priority        INTEGER     NOT NULL,
    weight          INTEGER     NOT NULL,
    max_concurrency INTEGER,
    options         TEXT        NOT NULL,
    status          VARCHAR(16) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    organization_id TEXT
);
-- the platform list's order; an organisation's private channels in the same order
CREATE INDEX ix_channel_listing_created ON channel_listing (created_at, channel_id);
CREATE INDEX ix_channel_listing_organization ON channel_listing (organization_id, created_at, channel_id)
    WHERE organization_id IS NOT NULL;
