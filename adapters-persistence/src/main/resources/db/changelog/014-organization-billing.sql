--liquibase formatted sql

--changeset tollgate:014-organization-billing
-- Keys belong to organisations and an organisation's wallet pays for them (a personal organisation's wallet is its
-- user's). Every billing row says which organisation it belongs to, so the ledger and the usage records can be read
-- per organisation; the ledger also lists the holds (reservations and their releases).

-- The shared (non-personal) organisations: the owner of their wallet is their own id. Kept by the ledger processor
-- (OrganizationCreatedEvent), so that a wallet entry knows its organisation when it is written.
CREATE TABLE shared_organization (
    organization_id VARCHAR(80) NOT NULL PRIMARY KEY
);
INSERT INTO shared_organization (organization_id)
SELECT convert_from(payload, 'UTF8')::json ->> 'organizationId'
FROM domain_event_entry
WHERE payload_type = 'dev.tollgate.domain.organization.event.OrganizationCreatedEvent'
  AND (convert_from(payload, 'UTF8')::json ->> 'personal') = 'false'
ON CONFLICT DO NOTHING;

-- wallet entries: the wallet's organisation (personal-<user> for a user's wallet)
ALTER TABLE wallet_entry ADD COLUMN organization_id VARCHAR(80);
UPDATE wallet_entry w SET organization_id = CASE
    WHEN EXISTS (SELECT 1 FROM shared_organization s WHERE s.organization_id = w.owner_id) THEN w.owner_id
    ELSE 'personal-' || w.owner_id END;
ALTER TABLE wallet_entry ALTER COLUMN organization_id SET NOT NULL;
CREATE INDEX ix_wallet_entry_organization_at ON wallet_entry (organization_id, at);

-- usage records: the paying organisation, and the hold the request had (its amount and when it was taken), so the
-- ledger can show the reservation and the release of every settled request
ALTER TABLE usage_record ADD COLUMN organization_id VARCHAR(80);
ALTER TABLE usage_record ADD COLUMN reserved BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_record ADD COLUMN reserved_at TIMESTAMPTZ;
UPDATE usage_record u
SET organization_id = coalesce(p.doc ->> 'organizationId', 'personal-' || u.owner_id),
    reserved = coalesce((p.doc ->> 'reserved')::bigint, 0)
FROM (SELECT aggregate_identifier, convert_from(payload, 'UTF8')::json AS doc
      FROM domain_event_entry
      WHERE payload_type = 'dev.tollgate.domain.billing.event.RequestSettledEvent') p
WHERE p.aggregate_identifier = u.request_id;
UPDATE usage_record SET organization_id = 'personal-' || owner_id WHERE organization_id IS NULL;
UPDATE usage_record u
SET reserved_at = (r.doc ->> 'at')::timestamptz
FROM (SELECT aggregate_identifier, convert_from(payload, 'UTF8')::json AS doc
      FROM domain_event_entry
      WHERE payload_type = 'dev.tollgate.domain.billing.event.QuotaReservedEvent') r
WHERE r.aggregate_identifier = u.request_id AND u.reserved > 0;
ALTER TABLE usage_record ALTER COLUMN organization_id SET NOT NULL;
CREATE INDEX ix_usage_record_organization_at ON usage_record (organization_id, at DESC);

-- daily totals: per organisation too (a key stays in its organisation, so this splits no existing row)
ALTER TABLE usage_daily ADD COLUMN organization_id VARCHAR(80);
UPDATE usage_daily d SET organization_id = k.organization_id
FROM (SELECT DISTINCT ON (token_id) token_id, organization_id FROM usage_record ORDER BY token_id, at DESC) k
WHERE k.token_id = d.token_id;
UPDATE usage_daily SET organization_id = 'personal-' || owner_id WHERE organization_id IS NULL;
ALTER TABLE usage_daily ALTER COLUMN organization_id SET NOT NULL;
ALTER TABLE usage_daily DROP CONSTRAINT usage_daily_pkey;
ALTER TABLE usage_daily ADD PRIMARY KEY (day, organization_id, owner_id, token_id, model, channel_id);
CREATE INDEX ix_usage_daily_organization_day ON usage_daily (organization_id, day);

-- open reservations: whose wallet holds them (the abandoned settlement is recorded for that organisation)
ALTER TABLE open_reservation ADD COLUMN organization_id VARCHAR(80);
UPDATE open_reservation o
SET organization_id = r.doc ->> 'organizationId'
FROM (SELECT aggregate_identifier, convert_from(payload, 'UTF8')::json AS doc
      FROM domain_event_entry
      WHERE payload_type = 'dev.tollgate.domain.billing.event.QuotaReservedEvent') r
WHERE r.aggregate_identifier = o.request_id;
UPDATE open_reservation SET organization_id = 'personal-' || owner_id WHERE organization_id IS NULL;
ALTER TABLE open_reservation ALTER COLUMN organization_id SET NOT NULL;
CREATE INDEX ix_open_reservation_organization ON open_reservation (organization_id, reserved_at);
CREATE INDEX ix_open_reservation_owner ON open_reservation (owner_id, reserved_at);
