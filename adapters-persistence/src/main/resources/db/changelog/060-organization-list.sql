--liquibase formatted sql

--changeset tollgate:060-organization-list
-- The admin API's lists of organisations and of their members (ADR 12), kept by the JPA projection in processor
-- organization-list (from the start of the log on a fresh table). Organisations are never deleted; a removed member's
-- row is deleted. Usernames are joined from user_account, never copied.
CREATE TABLE organization_listing (
    organization_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    personal        BOOLEAN      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    member_count    INTEGER      NOT NULL
);
CREATE INDEX ix_organization_listing_created ON organization_listing (created_at, organization_id);

CREATE TABLE organization_membership (
    organization_id VARCHAR(64) NOT NULL,
    user_id         VARCHAR(64) NOT NULL,
    role            VARCHAR(16) NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
-- a member's organisations (the list as a non-admin sees it, and "your role" on an admin's list)
CREATE INDEX ix_organization_membership_user ON organization_membership (user_id, organization_id);
