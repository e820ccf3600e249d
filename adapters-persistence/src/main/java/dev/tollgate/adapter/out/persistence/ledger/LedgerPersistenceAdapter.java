package dev.tollgate.adapter.out.persistence.ledger;

import dev.tollgate.adapter.out.persistence.SqlFilter;
import dev.tollgate.application.billing.port.out.LedgerPort;
import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.billing.query.LedgerTotals;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.domain.organization.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger as one view, filtered with bound parameters only, over:
 * <ul>
 * <li>{@code wallet_entry}: wallet changes (amount ±, held 0; no member, no key);</li>
 * <li>{@code usage_record}: per settled request a {@code reservation} (at the hold's time: amount 0, held
 * +reserved), a {@code settlement} (amount −cost; held −cost when the request had a hold, which the cost is taken out
 * of) and a {@code release} (amount 0, held −(reserved − cost)); a request without a hold has only its settlement;
 * entries of 0 are left out;</li>
 * <li>{@code open_reservation}: the reservations of requests in flight (amount 0, held +amount);</li>
 * <li>{@code usage_daily}: days whose usage records were pruned (before {@code usage_retention.pruned_before}), one
 * settlement per organisation, member, key and day, dated at the start of the day (held 0: every request of a pruned
 * day is settled, its holds returned).</li>
 * </ul>
 * So the sum of {@code amount} is a wallet's balance, the sum of {@code held} what its open reservations hold.
 */
public class LedgerPersistenceAdapter implements LedgerPort {
    private static final String PRUNED_BEFORE =
            "(select coalesce(max(pruned_before), '-infinity'::date) from usage_retention)";
    private static final String SINCE_PRUNED = "at >= (" + PRUNED_BEFORE + "::timestamp at time zone 'UTC')";
    private static final String ENTRIES = """
            (select coalesce(reserved_at, at) as at, organization_id, owner_id as member_id, token_id,
                    'reservation' as kind, 0::bigint as amount, reserved as held, request_id as reference,
                    model as reason, 'key:' || token_id as actor, request_id || '/reservation' as entry_id
               from usage_record where reserved > 0 and %2$s
             union all
             select at, organization_id, owner_id, token_id, 'settlement', -cost,
                    case when reserved > 0 then -cost else 0 end, request_id, outcome, 'key:' || token_id,
                    request_id || '/settlement'
               from usage_record where cost <> 0 and %2$s
             union all
             select at, organization_id, owner_id, token_id, 'release', 0, -(reserved - cost), request_id, outcome,
                    'key:' || token_id, request_id || '/release'
               from usage_record where reserved > cost and %2$s
             union all
             select reserved_at, organization_id, owner_id, token_id, 'reservation', 0, amount, request_id, model,
                    'key:' || token_id, request_id || '/open'
               from open_reservation
             union all
             select (day::timestamp at time zone 'UTC'), organization_id, owner_id, token_id, 'settlement',
                    -sum(cost)::bigint, 0, 'day ' || to_char(day, 'YYYY-MM-DD'), 'daily total (records pruned)',
                    'key:' || token_id, 'day/' || to_char(day, 'YYYY-MM-DD') || '/' || coalesce(organization_id, '')
                        || '/' || coalesce(owner_id, '') || '/' || coalesce(token_id, '')
               from usage_daily where day < %1$s
              group by day, organization_id, owner_id, token_id having sum(cost) <> 0
             union all
             select at, organization_id, null, null, kind, amount, 0, reference, reason, actor, event_id
               from wallet_entry) e""".formatted(PRUNED_BEFORE, SINCE_PRUNED);
    private static final String COLUMNS =
            "at, organization_id, member_id, token_id, kind, amount, held, reference, " + "reason, actor";

    private final JdbcTemplate jdbc;

    public LedgerPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static SqlFilter where(LedgerFilter f) {
        return new SqlFilter()
                .within(f.scope(), "member_id")
                .equal("organization_id", f.organizationId())
                .equal("member_id", f.memberId())
                .equal("token_id", f.tokenId())
                .anyOf("kind", f.kinds())
                .from("at", f.from())
                .before("at", f.to());
    }

    @Override
    public List<LedgerEntryView> find(LedgerFilter filter, int offset, int limit) {
        SqlFilter w = where(filter);
        return jdbc.query(
                "select " + COLUMNS + " from " + ENTRIES + w.sql()
                        + " order by at desc, reference, kind desc limit ? offset ?",
                (rs, n) -> entry(rs),
                w.argsAnd(limit, offset));
    }

    @Override
    public List<PositionedEntry> findAfter(LedgerFilter filter, Cursor after, int limit) {
        SqlFilter w = after.start()
                ? where(filter)
                : where(filter).olderThan("at", "entry_id", after.instant(0, 2), after.key(1, 2));
        return jdbc.query(
                "select " + COLUMNS + ", entry_id from " + ENTRIES + w.sql() + " order by at desc, entry_id limit ?",
                (rs, n) -> new PositionedEntry(
                        entry(rs), Cursor.of(rs.getTimestamp(1).toInstant().toString(), rs.getString(11))),
                w.argsAnd(limit));
    }

    @Override
    public LedgerTotals totals(LedgerFilter filter) {
        SqlFilter w = where(filter);
        return jdbc.queryForObject(
                """
                select count(*), coalesce(sum(amount) filter (where amount > 0), 0),
                    coalesce(-sum(amount) filter (where amount < 0), 0),
                    coalesce(sum(held) filter (where kind = 'reservation'), 0),
                    coalesce(-sum(held) filter (where kind = 'release'), 0),
                    coalesce(sum(held), 0) from """ + ENTRIES + w.sql(),
                (rs, n) -> new LedgerTotals(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                w.args().toArray());
    }

    @Override
    public void each(LedgerFilter filter, Consumer<LedgerEntryView> entry) {
        SqlFilter w = where(filter);
        jdbc.query(
                con -> {
                    var statement = con.prepareStatement(
                            "select " + COLUMNS + " from " + ENTRIES + w.sql() + " order by at, reference, kind desc");
                    statement.setFetchSize(500);
                    for (int i = 0; i < w.args().size(); i++) {
                        statement.setObject(i + 1, w.args().get(i));
                    }
                    return statement;
                },
                rs -> {
                    entry.accept(entry(rs));
                });
    }

    @Override
    public long balanceAt(String organizationId, Instant at) {
        Long sum = jdbc.queryForObject(
                "select coalesce(sum(amount), 0) from " + ENTRIES + " where organization_id = ? and at <= ?",
                Long.class,
                organizationId,
                Timestamp.from(at));
        return sum == null ? 0 : sum;
    }

    @Override
    public Map<String, Long> balances() {
        Map<String, Long> out = new HashMap<>();
        jdbc.query("select organization_id, sum(amount) from " + ENTRIES + " group by organization_id", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    @Override
    public Map<String, Long> spentByKey() {
        Map<String, Long> out = new HashMap<>();
        jdbc.query("select token_id, sum(cost) from usage_daily group by token_id", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    private static LedgerEntryView entry(ResultSet rs) throws SQLException {
        String organization = rs.getString(2);
        return new LedgerEntryView(
                rs.getTimestamp(1).toInstant(),
                organization,
                rs.getString(3),
                new OrganizationId(organization).walletOwner(),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10));
    }
}
