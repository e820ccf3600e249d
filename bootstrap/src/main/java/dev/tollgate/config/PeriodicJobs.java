package dev.tollgate.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background jobs of one kind on one daemon thread of their own, started and stopped with the application. A job that
 * fails is logged as a warning and runs again at its next time.
 */
abstract class PeriodicJobs implements SmartLifecycle {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private ScheduledExecutorService executor;

    PeriodicJobs(String threadName) {
        this.threadName = threadName;
    }

    /** Registers the jobs with {@link #every}. */
    protected abstract void schedule();

    /** Runs {@code job} after {@code firstDelay}, then {@code interval} after each run ended. */
    protected final void every(Duration interval, Duration firstDelay, String what, Runnable job) {
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        job.run();
                    } catch (RuntimeException e) {
                        log.warn("{} failed: {}", what, e.toString());
                    }
                },
                firstDelay.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Called once the jobs are stopped (e.g. to flush what they keep). */
    protected void stopped() {}

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name(threadName).factory());
        schedule();
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            stopped();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
