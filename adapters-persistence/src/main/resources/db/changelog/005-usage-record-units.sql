--liquibase formatted sql

--changeset tollgate:005-usage-record-units
ALTER TABLE usage_record ADD COLUMN cached_prompt_tokens BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE usage_record ADD COLUMN reasoning_tokens     BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE usage_record ADD COLUMN images               BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE usage_record ADD COLUMN audio_seconds        BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE usage_record ADD COLUMN attempts             INTEGER NOT NULL DEFAULT 1;
