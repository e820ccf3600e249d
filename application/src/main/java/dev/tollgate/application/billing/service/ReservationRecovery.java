package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.OpenReservationPort;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the reservations of processes that stopped without settling them (BRIEF G7). Every process sends a heartbeat
 * every few seconds; a reservation whose process has been silent for {@code silence} (killed, or restarted under a
 * new id) is abandoned: it is settled with outcome {@value RequestSettledEvent#ABANDONED} and cost 0, which releases
 * it. Any live process may do it; two doing it at once store one settlement (the request's stream takes one).
 *
 * <p>So every open reservation ends within {@code silence} + the heartbeat interval + one flush of the journal after
 * its process stopped. Whatever output such a request delivered before the crash is not charged: Tollgate cannot know
 * how much it was, and charges nobody for what it cannot count (the event keeps the reserved amount for the audit).
 */
public class ReservationRecovery {
    private static final Logger log = LoggerFactory.getLogger(ReservationRecovery.class);
    private static final int BATCH = 1_000;

    private final OpenReservationPort open;
    private final BillingJournal journal;
    private final ClockPort clock;
    private final Duration silence;
    private final AllowancePort allowances;

    private final QuotaLedger ledger;

    public ReservationRecovery(
            OpenReservationPort open, BillingJournal journal, ClockPort clock, Duration silence, QuotaLedger ledger) {
        this(open, journal, clock, silence, ledger, null);
    }

    /**
     * @param ledger     this process's memory, where an abandoned reservation is released as it is settled (the
     *                   settlement is this process's own: it is not read back from the store)
     * @param allowances also ends the quota allowances of the processes it forgets
     *                   ({@link AllowancePort#retireGoneNodes}); null when there are none
     */
    public ReservationRecovery(
            OpenReservationPort open,
            BillingJournal journal,
            ClockPort clock,
            Duration silence,
            QuotaLedger ledger,
            AllowancePort allowances) {
        this.ledger = ledger;
        this.open = open;
        this.journal = journal;
        this.clock = clock;
        this.silence = silence;
        this.allowances = allowances;
    }

    /** Says this process is alive. */
    public void heartbeat() {
        open.heartbeat(journal.node());
    }

    /** Releases every abandoned reservation; returns how many. */
    public int releaseAbandoned() {
        int released = 0;
        while (true) {
            List<QuotaReservedEvent> abandoned = open.abandoned(silence, BATCH);
            for (QuotaReservedEvent r : abandoned) {
                ledger.releaseForeign(r.requestId());
                journal.record(new RequestSettledEvent(
                        r.requestId(),
                        r.tokenId(),
                        r.ownerId(),
                        r.model(),
                        null,
                        null,
                        0,
                        0,
                        0,
                        0,
                        0,
                        RequestSettledEvent.ABANDONED,
                        false,
                        clock.now(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        r.amount(),
                        r.payingOrganization()));
            }
            if (!abandoned.isEmpty() && !journal.awaitFlushed(Duration.ofSeconds(30))) {
                log.warn("released {} abandoned reservations; the journal has not stored them yet", released);
                return released + abandoned.size();
            }
            released += abandoned.size();
            if (abandoned.size() < BATCH) {
                break;
            }
        }
        if (released > 0) {
            log.warn(
                    "released {} reservations of Tollgate processes that stopped without settling them "
                            + "(their requests are recorded with outcome '{}', cost 0)",
                    released,
                    RequestSettledEvent.ABANDONED);
        }
        open.forgetSilentNodes(silence);
        if (allowances != null) {
            int retired = allowances.retireGoneNodes();
            if (retired > 0) {
                log.warn(
                        "ended {} quota allowances of Tollgate processes that stopped; what they left unused is free "
                                + "again",
                        retired);
            }
        }
        return released;
    }

    /** Reservations recorded and not settled yet, on every process. */
    public long openCount() {
        return open.openCount();
    }
}
