--liquibase formatted sql

--changeset tollgate:003-dead-letter-text-timestamps
--comment: Axon's JdbcSequencedDeadLetterQueue writes and reads its timestamps as ISO-8601 text (UTC), like the event store
ALTER TABLE dead_letter_entry
    ALTER COLUMN enqueued_at TYPE VARCHAR(255)
        USING to_char(enqueued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ALTER COLUMN last_touched TYPE VARCHAR(255)
        USING to_char(last_touched AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ALTER COLUMN processing_started TYPE VARCHAR(255)
        USING to_char(processing_started AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
--rollback ALTER TABLE dead_letter_entry ALTER COLUMN enqueued_at TYPE TIMESTAMPTZ USING enqueued_at::timestamptz, ALTER COLUMN last_touched TYPE TIMESTAMPTZ USING last_touched::timestamptz, ALTER COLUMN processing_started TYPE TIMESTAMPTZ USING processing_started::timestamptz;
