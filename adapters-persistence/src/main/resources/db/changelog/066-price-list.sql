--liquibase formatted sql

--changeset tollgate:066-price-list
-- The admin API's list of model prices (ADR 12), kept by the JPA projection in processor price-list (from the start of
-- the log on a fresh table): a row per model, replaced by each price set. Units per one million tokens (per image, per
-- audio second, per request where named). The relay prices from memory, never from this table.
CREATE TABLE price_listing (
    model            VARCHAR(200) NOT NULL PRIMARY KEY,
    input            BIGINT       NOT NULL,
    output           BIGINT       NOT NULL,
    per_image        BIGINT       NOT NULL,
    per_audio_second BIGINT       NOT NULL,
    per_request      BIGINT       NOT NULL,
    cached_input     BIGINT       NOT NULL,
    cache_write      BIGINT       NOT NULL,
    audio_input      BIGINT       NOT NULL,
    audio_output     BIGINT       NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
