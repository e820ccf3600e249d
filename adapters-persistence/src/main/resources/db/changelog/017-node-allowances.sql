--liquibase formatted sql

--changeset tollgate:017-node-allowances
-- What each Tollgate process may spend of a limited key, a member's monthly budget or a wallet (a "pool"), so that
-- processes admit requests from memory and still never spend together more than the pool holds (BRIEF G1).
-- pool_id: 'key:<token>', 'budget:<organisation>/<user>:<yyyy-MM>', 'wallet:<owner>'.
-- base: spent outside the live processes' allowances (before the pool existed, by processes that stopped, debits).
-- wanted_at: when a process last found too little left to grant; the others then give back what they keep unused.
CREATE TABLE quota_pool (
    pool_id    VARCHAR(200) NOT NULL PRIMARY KEY,
    base       BIGINT       NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    wanted_at  TIMESTAMPTZ
);

-- ceiling: the most the process may have spent and hold on the pool, counted from the row's creation; granted under
-- the pool's row lock so that base + the sum of all ceilings never exceeds the pool's funds.
-- spent: what the process's stored settlements charged on the pool (kept in the settlements' transaction).
CREATE TABLE quota_allowance (
    pool_id VARCHAR(200) NOT NULL REFERENCES quota_pool (pool_id),
    node    VARCHAR(64)  NOT NULL,
    ceiling BIGINT       NOT NULL,
    spent   BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (pool_id, node)
);
CREATE INDEX ix_quota_allowance_node ON quota_allowance (node);
