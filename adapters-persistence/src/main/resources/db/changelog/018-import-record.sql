--liquibase formatted sql

--changeset tollgate:018-import-record
CREATE TABLE import_record (
    source      VARCHAR(40)  NOT NULL,
    kind        VARCHAR(40)  NOT NULL,
    source_id   VARCHAR(100) NOT NULL,
    target_id   VARCHAR(100) NOT NULL,
    imported_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);
