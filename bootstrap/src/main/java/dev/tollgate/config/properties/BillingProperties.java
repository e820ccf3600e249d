package dev.tollgate.config.properties;

import dev.tollgate.application.billing.service.BillingJournal.Durability;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How settled requests are recorded and how processes share quota (docs/billing.md).
 *
 * @param flushInterval how often the billing journal stores the waiting reservations and settlements as one batch
 * @param maxBatch the most events stored in one batch
 * @param durability {@code async}: call the upstream at once, the reservation is stored with the next batch (a kill -9
 *     loses at most one flush interval); {@code sync}: only once the reservation is stored
 * @param syncTimeout how long a request waits for its reservation to be stored with {@code durability=sync}
 * @param maxPending with {@code durability=async}: when more events than this wait to be stored, new requests wait
 *     for their reservation (back-pressure); 20,000 hold a 30 s database outage at 300 requests/s
 * @param heartbeatInterval how often this process says it is alive (and looks for silent processes)
 * @param nodeSilence the reservations and allowances of a process silent this long are released (G7); at least twice
 *     the heartbeat interval
 * @param nodeAllowances each process spends limited keys, budgets and wallets only within an allowance granted from the
 *     database, so several processes never overspend together (G1); off: right for a single process only
 * @param allowanceIdle an allowance unused this long goes back to the database
 * @param allowanceReturnInterval how often unused allowances are looked for
 * @param allowanceWait the longest a request short of allowance waits for more
 * @param reconciliationInterval how often the in-memory balances are compared with the stored ledger
 */
@Validated
@ConfigurationProperties("tollgate.billing")
public record BillingProperties(
        @DefaultValue("PT0.02S") @NotNull @DurationMin(millis = 1)
        Duration flushInterval,

        @DefaultValue("2000") @Positive int maxBatch,
        @DefaultValue("async") @NotNull Durability durability,

        @DefaultValue("PT5S") @NotNull @DurationMin(millis = 1)
        Duration syncTimeout,

        @DefaultValue("20000") @Positive int maxPending,

        @DefaultValue("PT10S") @NotNull @DurationMin(millis = 1)
        Duration heartbeatInterval,

        @DefaultValue("PT60S") @NotNull @DurationMin(millis = 1)
        Duration nodeSilence,

        @DefaultValue("true") boolean nodeAllowances,

        @DefaultValue("PT1S") @NotNull @DurationMin(millis = 1)
        Duration allowanceIdle,

        @DefaultValue("PT0.2S") @NotNull @DurationMin(millis = 1)
        Duration allowanceReturnInterval,

        @DefaultValue("PT1.5S") @NotNull @DurationMin(millis = 0)
        Duration allowanceWait,

        @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1)
        Duration reconciliationInterval) {

    public BillingProperties {
        if (nodeSilence != null
                && heartbeatInterval != null
                && nodeSilence.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            // a live process would be taken for dead: its reservations released, its allowances ended (G1, G7)
            throw new IllegalArgumentException("tollgate.billing.node-silence (" + nodeSilence + ") must be at least"
                    + " twice tollgate.billing.heartbeat-interval (" + heartbeatInterval + ")");
        }
    }
}
