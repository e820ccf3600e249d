--liquibase formatted sql

--changeset tollgate:020-request-event-entry
-- Relayed requests' billing events (QuotaReservedEvent, RequestSettledEvent: one stream per request id) in a table
-- of their own, with the layout of domain_event_entry. The views processor replays domain_event_entry at every start;
-- with the per-request events out of it, a start reads only the configuration and wallet events, however many
-- requests were ever served. The unique key (aggregate_identifier, sequence_number) keeps every settlement
-- exactly-once, as before.
CREATE TABLE request_event_entry (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT uk_request_event_entry_event_id UNIQUE (event_identifier),
    CONSTRAINT uk_request_event_entry_aggregate_seq UNIQUE (aggregate_identifier, sequence_number)
);

-- What the stored settlements charged each account, kept in the transaction that stores them: per key
-- ('key:<token>'), per wallet ('wallet:<owner>') and per member budget and month ('budget:<organisation>/<user>:<yyyy-MM>',
-- the ids of quota_pool). A start reads these rows instead of every settlement ever made.
CREATE TABLE quota_spent (
    account_id VARCHAR(200) NOT NULL PRIMARY KEY,
    spent      BIGINT       NOT NULL
);

--changeset tollgate:020-move-request-events
-- Existing request events move over in their order; their charges are summed into quota_spent.
INSERT INTO request_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                 payload_type, payload_revision, payload, meta_data)
SELECT event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,
       payload, meta_data
FROM domain_event_entry WHERE type = 'Request' ORDER BY global_index;

DELETE FROM domain_event_entry WHERE type = 'Request';

INSERT INTO quota_spent (account_id, spent)
SELECT account_id, sum(cost)
FROM (
    SELECT s.cost, unnest(ARRAY[
               'key:' || s.token_id,
               'wallet:' || CASE WHEN s.org LIKE 'personal-%' THEN substr(s.org, 10) ELSE s.org END,
               'budget:' || s.org || '/' || s.owner_id || ':' || to_char(s.at AT TIME ZONE 'UTC', 'YYYY-MM')
           ]) AS account_id
    FROM (
        SELECT p ->> 'tokenId' AS token_id,
               p ->> 'ownerId' AS owner_id,
               coalesce(p ->> 'organizationId', 'personal-' || (p ->> 'ownerId')) AS org,
               (p ->> 'cost')::bigint AS cost,
               (p ->> 'at')::timestamptz AS at
        FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM request_event_entry
              WHERE payload_type = 'dev.tollgate.domain.billing.event.RequestSettledEvent') e
    ) s
    WHERE s.cost > 0
) charges
GROUP BY account_id;
