package dev.tollgate.config;

import org.springframework.context.SmartLifecycle;

/**
 * A job each start runs once, right after {@link StartupCoordinator} (the views replayed the event log, root exists)
 * and before the web server starts; nothing to stop.
 */
abstract class StartupStep implements SmartLifecycle {
    private volatile boolean running;

    /** The job. */
    protected abstract void run();

    @Override
    public int getPhase() {
        return StartupCoordinator.PHASE + 1;
    }

    @Override
    public void start() {
        run();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
