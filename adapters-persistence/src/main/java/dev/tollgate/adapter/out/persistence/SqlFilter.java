package dev.tollgate.adapter.out.persistence;

import dev.tollgate.application.billing.query.BillingScope;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A SQL {@code where} clause built from bound parameters only (never a value in the SQL text): each condition is added
 * when its value is given and skipped when it is {@code null}, so that an optional filter is one line.
 */
public final class SqlFilter {
    private final StringBuilder sql = new StringBuilder(" where true");
    private final List<Object> args = new ArrayList<>();

    /** {@code column = value}. */
    public SqlFilter equal(String column, Object value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
        return this;
    }

    /** {@code column = any (values)}. */
    public SqlFilter anyOf(String column, Collection<String> values) {
        if (values != null) {
            sql.append(" and ").append(column).append(" = any (?)");
            args.add(values.toArray(String[]::new));
        }
        return this;
    }

    /** {@code column >= from}. */
    public SqlFilter from(String column, Instant from) {
        return from == null ? this : bound(column, " >= ?", Timestamp.from(from));
    }

    /** {@code column < to}. */
    public SqlFilter before(String column, Instant to) {
        return to == null ? this : bound(column, " < ?", Timestamp.from(to));
    }

    /** {@code column >= from}, for a {@code date} column. */
    public SqlFilter from(String column, LocalDate from) {
        return from == null ? this : bound(column, " >= ?", from);
    }

    /** {@code column < to}, for a {@code date} column. */
    public SqlFilter before(String column, LocalDate to) {
        return to == null ? this : bound(column, " < ?", to);
    }

    /**
     * The rows after a keyset position in {@code order by timeColumn desc, idColumn} order: older, or as old with a
     * greater id; nothing when {@code at} is null (the start of the list).
     */
    public SqlFilter olderThan(String timeColumn, String idColumn, Instant at, String id) {
        if (at != null) {
            sql.append(" and (")
                    .append(timeColumn)
                    .append(" < ? or (")
                    .append(timeColumn)
                    .append(" = ? and ")
                    .append(idColumn)
                    .append(" > ?))");
            Timestamp time = Timestamp.from(at);
            args.add(time);
            args.add(time);
            args.add(id);
        }
        return this;
    }

    /**
     * What a billing scope lets its holder read: every row for a platform admin, else the rows of the scope's
     * organisations or of its member (in {@code memberColumn}).
     */
    public SqlFilter within(BillingScope scope, String memberColumn) {
        if (!scope.all()) {
            sql.append(" and (organization_id = any (?)");
            args.add(
                    scope.organizations() == null
                            ? new String[0]
                            : scope.organizations().toArray(String[]::new));
            if (scope.member() != null) {
                sql.append(" or ").append(memberColumn).append(" = ?");
                args.add(scope.member());
            }
            sql.append(")");
        }
        return this;
    }

    /** The clause, starting with {@code " where"}. */
    public String sql() {
        return sql.toString();
    }

    /** The bound values, in order. */
    public List<Object> args() {
        return List.copyOf(args);
    }

    /** The bound values followed by more (a limit and an offset). */
    public Object[] argsAnd(Object... more) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray();
    }

    private SqlFilter bound(String column, String condition, Object value) {
        sql.append(" and ").append(column).append(condition);
        args.add(value);
        return this;
    }
}
