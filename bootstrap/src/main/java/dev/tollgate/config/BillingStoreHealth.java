package dev.tollgate.config;

import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.ReservationRecovery;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component {@code billingStore}: DOWN while the database refuses this node's writes (a full
 * disk, a read-only or stopped database), which a reading database check does not notice: the billing journal has
 * failed to store its batches for longer than {@code tollgate.outage.health-grace}, or this node's heartbeat could not
 * be stored. The reason is logged once when it goes DOWN, and once when it is UP again. Readiness is not affected:
 * the node keeps relaying from memory within its unsettled spending limit.
 */
public class BillingStoreHealth implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(BillingStoreHealth.class);

    private final BillingJournal journal;
    private final ReservationRecovery recovery;
    private final Duration grace;
    private final AtomicBoolean down = new AtomicBoolean();

    public BillingStoreHealth(BillingJournal journal, ReservationRecovery recovery, Duration grace) {
        this.journal = journal;
        this.recovery = recovery;
        this.grace = grace;
    }

    @Override
    public Health health() {
        String reason = reason();
        if (reason == null) {
            if (down.compareAndSet(true, false)) {
                log.warn("health UP again: the database stores this node's billing events and heartbeat");
            }
            return Health.up().build();
        }
        if (down.compareAndSet(false, true)) {
            log.error("health DOWN: {}", reason);
        }
        return Health.down().withDetail("reason", reason).build();
    }

    /** Why the database is taken as refusing writes; null when it is not. */
    String reason() {
        String failure = journal.failure();
        Duration failingFor = journal.failingFor();
        if (failure != null && failingFor.compareTo(grace) >= 0) {
            return "the database has refused the billing journal's writes for " + failingFor.toSeconds() + " s ("
                    + journal.pending() + " events, " + journal.unsettledSpending() + " quota units not recorded): "
                    + failure;
        }
        String beat = recovery.heartbeatFailure();
        if (beat != null) {
            return "the database refused this node's heartbeat: " + beat;
        }
        return null;
    }
}
