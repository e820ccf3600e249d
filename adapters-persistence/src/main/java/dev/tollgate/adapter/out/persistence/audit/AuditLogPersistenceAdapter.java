package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.adapter.out.persistence.SqlFilter;
import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static SqlFilter where(AuditFilter f) {
        return new SqlFilter().equal("actor", f.actor()).equal("actor_user_id", f.actorUserId())
                .equal("organisation_id", f.organizationId()).equal("action", f.action())
                .equal("target_type", f.targetType()).equal("target_id", f.targetId())
                .from("at", f.from()).before("at", f.to());
    }

    @Override
    public List<AuditEntryView> find(AuditFilter filter, int offset, int limit) {
        SqlFilter w = where(filter);
        return jdbc.query("select " + COLUMNS + " from audit_entry" + w.sql()
                + " order by at desc, event_id limit ? offset ?", (rs, n) -> entry(rs), w.argsAnd(limit, offset));
    }

    @Override
    public long count(AuditFilter filter) {
        SqlFilter w = where(filter);
        Long n = jdbc.queryForObject("select count(*) from audit_entry" + w.sql(), Long.class, w.args().toArray());
        return n == null ? 0 : n;
    }

    private static AuditEntryView entry(ResultSet rs) throws SQLException {
        return new AuditEntryView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11));
    }
}
