package dev.tollgate.e2e;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Records the SQL statements Hibernate prepares outside Axon's event processors (whose threads are named {@code
 * EventProcessor[<name>]-<n>}): in the end-to-end application, with the processors idle, those are the statements of
 * the HTTP requests being served. Registered by class name as Hibernate's {@code
 * hibernate.session_factory.statement_inspector} in {@link EndToEndTestBase}.
 */
public class HibernateStatements implements StatementInspector {
    private static final ConcurrentLinkedQueue<String> SEEN = new ConcurrentLinkedQueue<>();

    @Override
    public String inspect(String sql) {
        if (!Thread.currentThread().getName().startsWith("EventProcessor[")) {
            SEEN.add(sql);
        }
        return sql;
    }

    /** Forgets every statement recorded so far. */
    static void reset() {
        SEEN.clear();
    }

    /** The statements recorded since {@link #reset()}. */
    static List<String> seen() {
        return List.copyOf(SEEN);
    }
}
