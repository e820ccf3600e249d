package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads {@code audit_entry} with filters built from bound parameters only. */
public class AuditLogPersistenceAdapter implements AuditLogPort {
    private static final String COLUMNS = "event_id, at, actor, actor_user_id, organisation_id, action, target_type, "
            + "target_id, details, client_address, request_id";

    private final JdbcTemplate jdbc;

    public AuditLogPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Where(String sql, List<Object> args) {
    }

    private static Where where(AuditFilter f) {
        StringBuilder sql = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        equal(sql, args, "actor", f.actor());
        equal(sql, args, "actor_user_id", f.actorUserId());
        equal(sql, args, "organisation_id", f.organizationId());
        equal(sql, args, "action", f.action());
        equal(sql, args, "target_type", f.targetType());
        equal(sql, args, "target_id", f.targetId());
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

    private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    @Override
    public List<AuditEntryView> find(AuditFilter filter, int offset, int limit) {
        Where w = where(filter);
        List<Object> args = new ArrayList<>(w.args());
        args.add(limit);
        args.add(offset);
        return jdbc.query("select " + COLUMNS + " from audit_entry" + w.sql()
                + " order by at desc, event_id limit ? offset ?", (rs, n) -> entry(rs), args.toArray());
    }

    @Override
    public long count(AuditFilter filter) {
        Where w = where(filter);
        Long n = jdbc.queryForObject("select count(*) from audit_entry" + w.sql(), Long.class, w.args().toArray());
        return n == null ? 0 : n;
    }

    private static AuditEntryView entry(ResultSet rs) throws SQLException {
        return new AuditEntryView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11));
    }
}
