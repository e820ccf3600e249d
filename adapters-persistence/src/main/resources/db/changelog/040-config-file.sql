--liquibase formatted sql

--changeset tollgate:040-config-file
-- What the configuration file (tollgate.yaml) declares or declared: per kind and declared name, the resource it stands
-- for and the declaration last applied (JSON, without secrets: upstream keys as SHA-256 fingerprints). A row is never
-- deleted: a resource removed from the file keeps its row with active = false.
CREATE TABLE config_managed_resource (
    kind        VARCHAR(40)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    resource_id VARCHAR(200) NOT NULL,
    applied     TEXT         NOT NULL,
    active      BOOLEAN      NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (kind, name)
);
CREATE INDEX config_managed_resource_active ON config_managed_resource (kind, resource_id) WHERE active;

-- The fingerprint of the file last applied by any node (one row).
CREATE TABLE config_file_applied (
    id         SMALLINT    PRIMARY KEY CHECK (id = 1),
    digest     VARCHAR(64) NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
