package dev.tollgate.adapter.out.persistence.usage;

import dev.tollgate.adapter.out.persistence.SqlFilter;
import dev.tollgate.application.billing.port.out.UsageRecordPort;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.common.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@code usage_record} (and, for summaries, {@code usage_daily}) with filters built from bound parameters only;
 * prunes old records in small batches.
 */
public class UsageRecordPersistenceAdapter implements UsageRecordPort {
    private static final String COLUMNS = "request_id, at, owner_id, token_id, channel_id, model, upstream_model, "
            + "prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, outcome, stream, "
            + "cached_prompt_tokens, reasoning_tokens, images, audio_seconds, attempts, organization_id, reserved";
    private static final String SUMS = "count(*), coalesce(sum(prompt_tokens), 0), "
            + "coalesce(sum(completion_tokens), 0), coalesce(sum(cost), 0)";

    private final JdbcTemplate jdbc;

    public UsageRecordPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The filter's organisation, member, scope, key and model (common to the records and the daily totals). */
    private static SqlFilter who(UsageFilter f) {
        return new SqlFilter()
                .equal("organization_id", f.organizationId())
                .within(f.scope(), "owner_id")
                .equal("owner_id", f.ownerId())
                .equal("token_id", f.tokenId())
                .equal("model", f.model());
    }

    private static SqlFilter where(UsageFilter f) {
        return who(f).from("at", f.from()).before("at", f.to());
    }

    @Override
    public List<UsageRecordView> find(UsageFilter filter, int offset, int limit) {
        SqlFilter w = where(filter);
        return jdbc.query(
                "select " + COLUMNS + " from usage_record" + w.sql() + " order by at desc, request_id limit ? offset ?",
                (rs, n) -> record(rs),
                w.argsAnd(limit, offset));
    }

    @Override
    public List<UsageRecordView> findAfter(UsageFilter filter, Cursor after, int limit) {
        SqlFilter w = after.start()
                ? where(filter)
                : where(filter).olderThan("at", "request_id", after.instant(0, 2), after.key(1, 2));
        return jdbc.query(
                "select " + COLUMNS + " from usage_record" + w.sql() + " order by at desc, request_id limit ?",
                (rs, n) -> record(rs),
                w.argsAnd(limit));
    }

    @Override
    public UsageTotals totals(UsageFilter filter) {
        SqlFilter w = where(filter);
        return jdbc.queryForObject(
                "select null, " + SUMS + " from usage_record" + w.sql(),
                (rs, n) -> totals(rs),
                w.args().toArray());
    }

    @Override
    public List<UsageTotals> summary(UsageFilter filter, UsageGrouping grouping) {
        Instant wholeFrom = filter.from() == null ? null : startOfDay(filter.from(), true);
        Instant wholeTo = filter.to() == null ? null : startOfDay(filter.to(), false);
        boolean anyWholeDay = wholeFrom == null || wholeTo == null || wholeFrom.isBefore(wholeTo);
        StringBuilder sql = new StringBuilder("select k, coalesce(sum(requests), 0), coalesce(sum(prompt_tokens), 0), "
                + "coalesce(sum(completion_tokens), 0), coalesce(sum(cost), 0) from (");
        List<Object> args = new ArrayList<>();
        if (anyWholeDay) {
            sql.append("select ")
                    .append(dailyKey(grouping))
                    .append(" as k, requests, prompt_tokens, completion_tokens, cost from usage_daily")
                    .append(dailyWhere(filter, wholeFrom, wholeTo, args));
            sql.append(" union all ");
        }
        // the partial days at the edges (or the whole range when it lies inside one day) from the records
        SqlFilter edges = where(filter.anyTime());
        sql.append("select ")
                .append(recordKey(grouping))
                .append(" as k, 1 as requests, prompt_tokens, completion_tokens, cost from usage_record")
                .append(edges.sql());
        args.addAll(edges.args());
        if (anyWholeDay) {
            sql.append(" and (false");
            if (filter.from() != null && filter.from().isBefore(wholeFrom)) {
                sql.append(" or (at >= ? and at < ?)");
                args.add(Timestamp.from(filter.from()));
                args.add(Timestamp.from(wholeFrom));
            }
            if (filter.to() != null && wholeTo.isBefore(filter.to())) {
                sql.append(" or (at >= ? and at < ?)");
                args.add(Timestamp.from(wholeTo));
                args.add(Timestamp.from(filter.to()));
            }
            sql.append(")");
        } else {
            sql.append(" and at >= ? and at < ?");
            args.add(Timestamp.from(filter.from()));
            args.add(Timestamp.from(filter.to()));
        }
        String order = grouping == UsageGrouping.DAY ? "1" : "5 desc, 1";
        sql.append(") s group by 1 order by ").append(order);
        return jdbc.query(sql.toString(), (rs, n) -> totals(rs), args.toArray());
    }

    private static String dailyKey(UsageGrouping grouping) {
        return switch (grouping) {
            case DAY -> "to_char(day, 'YYYY-MM-DD')";
            case MODEL -> "model";
            case TOKEN -> "token_id";
            case MEMBER -> "owner_id";
            case ORGANIZATION -> "organization_id";
        };
    }

    private static String recordKey(UsageGrouping grouping) {
        return switch (grouping) {
            case DAY -> "to_char(at at time zone 'UTC', 'YYYY-MM-DD')";
            case MODEL -> "model";
            case TOKEN -> "token_id";
            case MEMBER -> "owner_id";
            case ORGANIZATION -> "organization_id";
        };
    }

    private static String dailyWhere(UsageFilter f, Instant wholeFrom, Instant wholeTo, List<Object> args) {
        SqlFilter where = who(f).from("day", wholeFrom == null ? null : LocalDate.ofInstant(wholeFrom, ZoneOffset.UTC))
                .before("day", wholeTo == null ? null : LocalDate.ofInstant(wholeTo, ZoneOffset.UTC));
        args.addAll(where.args());
        return where.sql();
    }

    /** Midnight UTC at or after ({@code up}) or at or before the instant. */
    private static Instant startOfDay(Instant at, boolean up) {
        Instant midnight = LocalDate.ofInstant(at, ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return up && midnight.isBefore(at) ? midnight.plus(Duration.ofDays(1)) : midnight;
    }

    @Override
    public Optional<LocalDate> prunedBefore() {
        return jdbc
                .query(
                        "select pruned_before from usage_retention where id = 1",
                        (rs, n) -> rs.getObject(1, LocalDate.class))
                .stream()
                .findFirst();
    }

    @Override
    public void markPrunedBefore(LocalDate day) {
        jdbc.update("""
                insert into usage_retention (id, pruned_before) values (1, ?)
                on conflict (id) do update set pruned_before = greatest(usage_retention.pruned_before,
                    excluded.pruned_before)""", day);
    }

    @Override
    public int deleteBefore(LocalDate day, int limit) {
        return jdbc.update("""
                delete from usage_record where request_id in (
                    select request_id from usage_record where at < ? order by at limit ?)""", Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()), limit);
    }

    private static UsageTotals totals(ResultSet rs) throws SQLException {
        return new UsageTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }

    private static UsageRecordView record(ResultSet rs) throws SQLException {
        return new UsageRecordView(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getInt(12),
                rs.getString(13),
                rs.getBoolean(14),
                rs.getLong(15),
                rs.getLong(16),
                rs.getLong(17),
                rs.getLong(18),
                rs.getInt(19),
                rs.getString(20),
                rs.getLong(21));
    }
}
