package dev.tollgate.adapter.in.web.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure caused by the database being unreachable (stopped, restarting, its connections refused or cut) or
 * refusing writes (disk full, read-only) from any other unexpected failure, so that the admin API answers it with
 * 503 and {@code Retry-After} instead of a 500 (issue 20: PostgreSQL stopped for 30 s, a database refusing writes).
 * Recognised by the JDBC cause: a connection-pool time-out ({@link SQLTransientConnectionException}), SQLSTATE class
 * 08 (connection exception), 57P (operator intervention: the server shutting down or not yet accepting connections),
 * 53 (insufficient resources: disk full, out of memory, too many connections) or 25006 (read-only transaction); or
 * HikariCP's "Connection is closed" (no SQLSTATE), which a pooled connection answers once the pool has evicted it as
 * broken by one of those in the same transaction.
 */
final class DatabaseOutage {
    private DatabaseOutage() {}

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && unavailable(sql.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() == null
                    && sql.getMessage() != null
                    && sql.getMessage().startsWith("Connection is closed")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53") || state.equals("25006");
    }
}
