--liquibase formatted sql

--changeset tollgate:073-stored-response-channel-key
-- the SHA-256 fingerprint of the channel key that made the response (never the key): its own endpoints on that
-- channel are called with the same key
ALTER TABLE stored_response ADD COLUMN channel_key VARCHAR(80);
