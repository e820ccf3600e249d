--liquibase formatted sql

--changeset tollgate:016-oauth-authorization-request
-- Browser sign-ins in progress (ADR 8): the OAuth authorization request kept between the redirect to the provider and
-- its callback, shared by every node. Keyed by the SHA-256 of the state (the state itself is not stored) and bound to
-- the starting browser by the SHA-256 of the nonce in its binding cookie. Taken once by DELETE ... RETURNING; valid
-- 10 minutes (tollgate.auth.authorization-request-ttl); an expired one is refused, and its row is deleted by the first
-- sign-in started an hour after it expired. Fields are stored one by one (JSON for the lists and maps), never as
-- serialised Java objects. attributes holds the PKCE verifier and the OIDC nonce.
CREATE TABLE oauth_authorization_request (
    state_hash                CHAR(64)      PRIMARY KEY,
    browser_hash              CHAR(64)      NOT NULL,
    authorization_uri         VARCHAR(2048) NOT NULL,
    client_id                 VARCHAR(255)  NOT NULL,
    redirect_uri              VARCHAR(2048),
    scopes                    JSONB         NOT NULL,
    grant_type                VARCHAR(40)   NOT NULL,
    additional_parameters     JSONB         NOT NULL,
    attributes                JSONB         NOT NULL,
    authorization_request_uri TEXT          NOT NULL,
    created_at                TIMESTAMPTZ   NOT NULL,
    expires_at                TIMESTAMPTZ   NOT NULL
);
CREATE INDEX ix_oauth_authorization_request_expires ON oauth_authorization_request (expires_at);
