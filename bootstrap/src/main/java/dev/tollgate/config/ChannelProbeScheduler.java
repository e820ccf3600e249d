package dev.tollgate.config;

import dev.tollgate.application.channel.service.ChannelBalanceService;
import dev.tollgate.application.channel.service.ChannelHealthService;
import dev.tollgate.config.properties.RelayProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Probes automatically disabled channels every {@code tollgate.relay.probe-interval} (default 5 minutes), and reads
 * every channel's upstream balance every {@code tollgate.relay.balance-refresh-interval} (default 1 hour; the first
 * read a minute after start).
 */
@Component
public class ChannelProbeScheduler extends PeriodicJobs {
    private final ChannelHealthService health;
    private final Duration interval;
    private final ChannelBalanceService balances;
    private final Duration balanceInterval;

    public ChannelProbeScheduler(ChannelHealthService health, ChannelBalanceService balances, RelayProperties relay) {
        super("channel-probe");
        this.health = health;
        this.interval = relay.probeInterval();
        this.balances = balances;
        this.balanceInterval = relay.balanceRefreshInterval();
    }

    @Override
    protected void schedule() {
        every(interval, interval, "channel health probe", health::probeAutoDisabled);
        every(
                balanceInterval,
                Duration.ofMillis(Math.min(60_000, balanceInterval.toMillis())),
                "channel balance refresh",
                balances::refreshAll);
    }
}
