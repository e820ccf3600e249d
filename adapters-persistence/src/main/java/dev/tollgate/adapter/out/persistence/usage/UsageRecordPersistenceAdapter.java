package dev.tollgate.adapter.out.persistence.usage;

import dev.tollgate.application.billing.port.out.UsageRecordPort;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads {@code usage_record} with filters built from bound parameters only. */
public class UsageRecordPersistenceAdapter implements UsageRecordPort {
    private static final String COLUMNS = "request_id, at, owner_id, token_id, channel_id, model, upstream_model, "
            + "prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, outcome, stream, "
            + "cached_prompt_tokens, reasoning_tokens, images, audio_seconds, attempts";
    private static final String SUMS = "count(*), coalesce(sum(prompt_tokens), 0), "
            + "coalesce(sum(completion_tokens), 0), coalesce(sum(cost), 0)";

    private final JdbcTemplate jdbc;

    public UsageRecordPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Where(String sql, List<Object> args) {
    }

    private static Where where(UsageFilter f) {
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
        if (f.model() != null) {
            sql.append(" and model = ?");
            args.add(f.model());
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
    public List<UsageRecordView> find(UsageFilter filter, int offset, int limit) {
        Where w = where(filter);
        List<Object> args = new ArrayList<>(w.args());
        args.add(limit);
        args.add(offset);
        return jdbc.query("select " + COLUMNS + " from usage_record" + w.sql()
                + " order by at desc, request_id limit ? offset ?", (rs, n) -> record(rs), args.toArray());
    }

    @Override
    public UsageTotals totals(UsageFilter filter) {
        Where w = where(filter);
        return jdbc.queryForObject("select null, " + SUMS + " from usage_record" + w.sql(), (rs, n) -> totals(rs),
                w.args().toArray());
    }

    @Override
    public List<UsageTotals> summary(UsageFilter filter, UsageGrouping grouping) {
        Where w = where(filter);
        String key = switch (grouping) {
            case DAY -> "to_char(at at time zone 'UTC', 'YYYY-MM-DD')";
            case MODEL -> "model";
            case TOKEN -> "token_id";
        };
        String order = grouping == UsageGrouping.DAY ? "1" : "5 desc, 1";
        return jdbc.query("select " + key + ", " + SUMS + " from usage_record" + w.sql() + " group by 1 order by "
                + order, (rs, n) -> totals(rs), w.args().toArray());
    }

    private static UsageTotals totals(ResultSet rs) throws SQLException {
        return new UsageTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }

    private static UsageRecordView record(ResultSet rs) throws SQLException {
        return new UsageRecordView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                rs.getLong(10), rs.getLong(11), rs.getInt(12), rs.getString(13), rs.getBoolean(14), rs.getLong(15),
                rs.getLong(16), rs.getLong(17), rs.getLong(18), rs.getInt(19));
    }
}
