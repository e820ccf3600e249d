package dev.tollgate.adapter.out.persistence.ledger;

import dev.tollgate.application.billing.port.out.LedgerPort;
import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.billing.query.LedgerTotals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger as one view over {@code wallet_entry} (wallet changes) and {@code usage_record} (settled requests, as
 * negative amounts), filtered with bound parameters only. Days whose usage records were pruned (before
 * {@code usage_retention.pruned_before}) appear as one settlement per owner, key and day from {@code usage_daily},
 * dated at the start of the day, so balances and totals stay right.
 */
public class LedgerPersistenceAdapter implements LedgerPort {
    private static final String PRUNED_BEFORE =
            "(select coalesce(max(pruned_before), '-infinity'::date) from usage_retention)";
    private static final String ENTRIES = """
            (select at, owner_id, token_id, 'settlement' as kind, -cost as amount, request_id as reference,
                    outcome as reason, 'key:' || token_id as actor
               from usage_record where cost <> 0 and at >= (%1$s::timestamp at time zone 'UTC')
             union all
             select (day::timestamp at time zone 'UTC') as at, owner_id, token_id, 'settlement' as kind,
                    -sum(cost)::bigint as amount, 'day ' || to_char(day, 'YYYY-MM-DD') as reference,
                    'daily total (records pruned)' as reason, 'key:' || token_id as actor
               from usage_daily where day < %1$s
              group by day, owner_id, token_id having sum(cost) <> 0
             union all
             select at, owner_id, null as token_id, kind, amount, reference, reason, actor from wallet_entry) e"""
            .formatted(PRUNED_BEFORE);

    private final JdbcTemplate jdbc;

    public LedgerPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Where(String sql, List<Object> args) {
    }

    private static Where where(LedgerFilter f) {
        StringBuilder sql = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (f.ownerId() != null) {
            sql.append(" and owner_id = ?");
            args.add(f.ownerId());
        }
        if (f.tokenId() != null) {
            sql.append(" and token_id = ?");
            args.add(f.tokenId());
        }
        if (f.kind() != null) {
            sql.append(" and kind = ?");
            args.add(f.kind());
        }
        if (f.from() != null) {
            sql.append(" and at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and at < ?");
            args.add(Timestamp.from(f.to()));
        }
        return new Where(sql.toString(), args);
    }

    @Override
    public List<LedgerEntryView> find(LedgerFilter filter, int offset, int limit) {
        Where w = where(filter);
        List<Object> args = new ArrayList<>(w.args());
        args.add(limit);
        args.add(offset);
        return jdbc.query("select at, owner_id, token_id, kind, amount, reference, reason, actor from " + ENTRIES
                + w.sql() + " order by at desc, reference limit ? offset ?", (rs, n) -> entry(rs), args.toArray());
    }

    @Override
    public LedgerTotals totals(LedgerFilter filter) {
        Where w = where(filter);
        return jdbc.queryForObject("select count(*), coalesce(sum(case when amount > 0 then amount end), 0), "
                + "coalesce(-sum(case when amount < 0 then amount end), 0) from " + ENTRIES + w.sql(),
                (rs, n) -> new LedgerTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3)), w.args().toArray());
    }

    @Override
    public void each(LedgerFilter filter, Consumer<LedgerEntryView> entry) {
        Where w = where(filter);
        jdbc.query(con -> {
            var statement = con.prepareStatement("select at, owner_id, token_id, kind, amount, reference, reason, "
                    + "actor from " + ENTRIES + w.sql() + " order by at, reference");
            statement.setFetchSize(500);
            for (int i = 0; i < w.args().size(); i++) {
                statement.setObject(i + 1, w.args().get(i));
            }
            return statement;
        }, rs -> {
            entry.accept(entry(rs));
        });
    }

    @Override
    public long balanceAt(String ownerId, Instant at) {
        Long sum = jdbc.queryForObject("select coalesce(sum(amount), 0) from " + ENTRIES
                + " where owner_id = ? and at <= ?", Long.class, ownerId, Timestamp.from(at));
        return sum == null ? 0 : sum;
    }

    @Override
    public java.util.Map<String, Long> balances() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        jdbc.query("select owner_id, sum(amount) from " + ENTRIES + " group by owner_id",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    @Override
    public java.util.Map<String, Long> spentByKey() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        jdbc.query("select token_id, sum(cost) from usage_daily group by token_id", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    private static LedgerEntryView entry(ResultSet rs) throws SQLException {
        return new LedgerEntryView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
