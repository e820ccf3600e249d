package dev.tollgate.config;

import dev.tollgate.application.channel.service.ChannelBalanceService;
import dev.tollgate.application.channel.service.ChannelHealthService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Probes automatically disabled channels every {@code tollgate.relay.probe-interval} (default 5 minutes), and reads
 * every channel's upstream balance every {@code tollgate.relay.balance-refresh-interval} (default 1 hour; the first
 * read a minute after start).
 */
@Component
public class ChannelProbeScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ChannelProbeScheduler.class);

    private final ChannelHealthService health;
    private final Duration interval;
    private final ChannelBalanceService balances;
    private final Duration balanceInterval;
    private ScheduledExecutorService executor;

    public ChannelProbeScheduler(ChannelHealthService health,
            @Value("${tollgate.relay.probe-interval:PT5M}") Duration interval, ChannelBalanceService balances,
            @Value("${tollgate.relay.balance-refresh-interval:PT1H}") Duration balanceInterval) {
        this.health = health;
        this.interval = interval;
        this.balances = balances;
        this.balanceInterval = balanceInterval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("channel-probe").factory());
        executor.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::refreshBalances, Math.min(60_000, balanceInterval.toMillis()),
                balanceInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshBalances() {
        try {
            balances.refreshAll();
        } catch (RuntimeException e) {
            log.warn("channel balance refresh failed: {}", e.toString());
        }
    }

    private void probe() {
        try {
            health.probeAutoDisabled();
        } catch (RuntimeException e) {
            log.warn("channel health probe failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
