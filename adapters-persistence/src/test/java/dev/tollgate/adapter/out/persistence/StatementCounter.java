package dev.tollgate.adapter.out.persistence;

import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements Hibernate prepares on the current thread (registered by class name as Hibernate's
 * {@code hibernate.session_factory.statement_inspector} in the tests that count them).
 */
public class StatementCounter implements StatementInspector {
    private static final ThreadLocal<AtomicInteger> COUNT = ThreadLocal.withInitial(AtomicInteger::new);

    @Override
    public String inspect(String sql) {
        COUNT.get().incrementAndGet();
        return sql;
    }

    /** Starts counting from zero on this thread. */
    public static void reset() {
        COUNT.get().set(0);
    }

    /** The statements prepared on this thread since {@link #reset()}. */
    public static int count() {
        return COUNT.get().get();
    }
}
