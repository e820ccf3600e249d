package dev.tollgate.adapter.out.persistence.billing;

import dev.tollgate.application.billing.port.out.AllowancePort;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code quota_pool} and {@code quota_allowance}. Every change that can raise what is committed of a pool (a grant, a
 * debit) locks the pool's row first ({@code select … for update}), so the check "base + Σ ceilings + amount ≤ funds"
 * and the write are one step for all processes. Several pools are locked in the order of their ids (no deadlock).
 * Settlements raise {@code spent} in their own transaction ({@link SettlementJournalPersistenceAdapter}), which
 * changes no sum that a grant checks.
 */
public class AllowancePersistenceAdapter implements AllowancePort {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public AllowancePersistenceAdapter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public long[] grant(String node, List<GrantRequest> requests) {
        long[] granted = new long[requests.size()];
        if (requests.isEmpty()) {
            return granted;
        }
        List<Integer> order = IntStream.range(0, requests.size())
                .boxed()
                .sorted(Comparator.comparing(i -> requests.get(i).poolId()))
                .toList();
        transaction.executeWithoutResult(status -> {
            jdbc.update("""
                    insert into billing_node (node, started_at, seen_at) values (?, now(), now())
                    on conflict (node) do update set seen_at = now()""", node);
            for (int i : order) {
                GrantRequest r = requests.get(i);
                long free = lockAndMeasure(r.poolId(), r.funds(), r.baseIfNew());
                if (free < r.needed()) {
                    jdbc.update("update quota_pool set wanted_at = now() where pool_id = ?", r.poolId());
                    continue;
                }
                long g = Math.max(r.needed(), Math.min(r.wanted(), free / 2));
                jdbc.update("""
                        insert into quota_allowance (pool_id, node, ceiling) values (?, ?, ?)
                        on conflict (pool_id, node) do update set ceiling = quota_allowance.ceiling + excluded.ceiling""", r.poolId(), node, g);
                granted[i] = g;
            }
        });
        return granted;
    }

    /** Creates the pool if needed, locks its row and returns funds − base − Σ ceilings (may be negative). */
    private long lockAndMeasure(String poolId, long funds, long baseIfNew) {
        jdbc.update(
                "insert into quota_pool (pool_id, base) values (?, ?) on conflict (pool_id) do nothing",
                poolId,
                baseIfNew);
        Long base = jdbc.queryForObject("select base from quota_pool where pool_id = ? for update", Long.class, poolId);
        Long ceilings = jdbc.queryForObject(
                "select coalesce(sum(ceiling), 0) from quota_allowance where pool_id = ?", Long.class, poolId);
        try {
            return Math.subtractExact(Math.subtractExact(funds, base), ceilings);
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public Set<String> wanted(Collection<String> poolIds, Duration within) {
        if (poolIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                jdbc.queryForList("""
                select pool_id from quota_pool
                where pool_id = any (?) and wanted_at > now() - make_interval(secs => ?)""", String.class, poolIds.toArray(String[]::new), within.toMillis() / 1000.0));
    }

    @Override
    public void giveBack(String node, String poolId, long amount) {
        if (amount <= 0) {
            return;
        }
        jdbc.update(
                "update quota_allowance set ceiling = ceiling - ? where pool_id = ? and node = ?",
                amount,
                poolId,
                node);
    }

    @Override
    public boolean take(String poolId, long funds, long baseIfNew, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("nothing to take");
        }
        Boolean taken = transaction.execute(status -> {
            if (lockAndMeasure(poolId, funds, baseIfNew) < amount) {
                return false;
            }
            jdbc.update("update quota_pool set base = base + ? where pool_id = ?", amount, poolId);
            return true;
        });
        return Boolean.TRUE.equals(taken);
    }

    @Override
    public void putBack(String poolId, long amount) {
        jdbc.update("update quota_pool set base = base - ? where pool_id = ?", amount, poolId);
    }

    @Override
    public int retireGoneNodes() {
        Integer retired = transaction.execute(status -> jdbc.queryForObject("""
                with gone as (
                    delete from quota_allowance a
                    where not exists (select 1 from billing_node n where n.node = a.node)
                    returning pool_id, spent
                ), moved as (
                    update quota_pool p set base = p.base + s.spent
                    from (select pool_id, sum(spent) as spent from gone group by pool_id) s
                    where p.pool_id = s.pool_id
                    returning 1
                )
                select count(*) from gone""", Integer.class));
        return retired == null ? 0 : retired;
    }

    @Override
    public Map<String, Long> committedOfWallets() {
        Map<String, Long> out = new HashMap<>();
        jdbc.query(
                """
                select p.pool_id, p.base + coalesce(sum(a.ceiling), 0)
                from quota_pool p left join quota_allowance a on a.pool_id = p.pool_id
                where p.pool_id like 'wallet:%'
                group by p.pool_id, p.base""",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }
}
