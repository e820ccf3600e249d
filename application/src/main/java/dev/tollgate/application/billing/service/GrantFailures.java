package dev.tollgate.application.billing.service;

/**
 * The last allowance grant that failed (the database unreachable or refusing writes). For a moment after it, top-ups
 * fail at once instead of each asking the database again: the requests waiting for a pool's top-up would otherwise
 * ask one after the other, each waiting for a connection, and the last would wait for all of them (issue 20, finding
 * 4: requests that hung when PostgreSQL stopped).
 */
final class GrantFailures {
    /** How long after a failed grant the next top-ups fail without asking. */
    static final long PAUSE_NANOS = 1_000_000_000L;

    /** {@link System#nanoTime()} of the last failure; valid while {@code failure} is set. */
    private volatile long failedAt;

    private volatile RuntimeException failure;

    void failed(RuntimeException e) {
        failedAt = System.nanoTime();
        failure = e;
    }

    void succeeded() {
        failure = null;
    }

    /** Throws while a grant failed less than {@link #PAUSE_NANOS} ago. */
    void failIfRecent() {
        RuntimeException last = failure;
        if (last != null && System.nanoTime() - failedAt < PAUSE_NANOS) {
            throw new QuotaLedger.AllowanceUnavailableException(last);
        }
    }
}
