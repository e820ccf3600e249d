package dev.tollgate.config;

import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import java.time.Duration;

/**
 * Reads the configuration file once at start — after the views replayed and root exists, before the web server accepts
 * connections, so the first request already sees it — then checks it every {@code pollInterval} (polling works the
 * same on every file system, network and container mounts included; a check hashes a file of at most
 * {@code maxBytes}).
 */
class ConfigFileWatcher extends PeriodicJobs {
    /** After {@link StartupCoordinator#PHASE}, before the web server starts (MAX - 2048). */
    static final int PHASE = StartupCoordinator.PHASE + 256;

    private final ConfigFileUseCase configFile;
    private final Duration interval;

    ConfigFileWatcher(ConfigFileUseCase configFile, Duration interval) {
        super("tollgate-config-file");
        this.configFile = configFile;
        this.interval = interval;
    }

    @Override
    protected void schedule() {
        configFile.sync();
        every(interval, interval, "checking the configuration file", configFile::sync);
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
