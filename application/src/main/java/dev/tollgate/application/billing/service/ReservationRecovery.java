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
 * <p>A process judges others only while it can write its own heartbeat: when its heartbeat fails (the database is down
 * or refuses writes) it releases nothing, and once a heartbeat succeeds again (or after a gap of more than half the
 * silence between two heartbeats) it waits a fresh {@code silence} before judging, so that the other processes, silent
 * only because the database was, have time to write theirs (a released live reservation would be settled twice: once
 * as abandoned, and again in its own process's memory, which the store then drops as a duplicate, a drift).
 *
 * <p>So every open reservation ends within {@code silence} + the heartbeat interval + one flush of the journal after
 * its process stopped (after the database's return, when it stopped during an outage). Whatever output such a request delivered before the crash is not charged: Tollgate cannot know
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

    /** {@link System#nanoTime()} of the last heartbeat that was stored; none yet at start. */
    private long lastBeat;

    private boolean beaten;

    /** No judging before {@code judgeFrom} ({@link System#nanoTime()}): a fresh silence after this process's outage. */
    private boolean waiting;

    private long judgeFrom;

    /** The last heartbeat failed: this process cannot tell whether the others are silent. */
    private boolean beatFailed;

    private volatile String beatFailure;

    /** Why this process's last heartbeat could not be stored; null when it was. */
    public String heartbeatFailure() {
        return beatFailure;
    }

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

    /**
     * Says this process is alive. A failure is remembered (and thrown): no process is judged until a heartbeat is
     * stored again and a fresh silence has passed.
     */
    public synchronized void heartbeat() {
        try {
            open.heartbeat(journal.node());
        } catch (RuntimeException e) {
            if (!beatFailed) {
                log.warn(
                        "this process could not record its heartbeat ({}); it judges no other process until its "
                                + "heartbeat is stored again and {} have passed",
                        e.toString(),
                        silence);
            }
            beatFailed = true;
            beatFailure = e.toString();
            throw e;
        }
        long now = System.nanoTime();
        boolean gap = beaten && now - lastBeat > silence.toNanos() / 2;
        if (beatFailed || gap) {
            waiting = true;
            judgeFrom = now + silence.toNanos();
            log.warn(
                    "this process's heartbeat is stored again after {}; it judges other processes again in {}",
                    beatFailed ? "a failure" : "a gap of " + Duration.ofNanos(now - lastBeat),
                    silence);
        }
        beatFailed = false;
        beatFailure = null;
        beaten = true;
        lastBeat = now;
    }

    /**
     * Whether this process may judge the others now: its last heartbeat was stored, and a fresh silence has passed
     * since its own outage ended (if it had one).
     */
    public synchronized boolean mayJudge() {
        if (!beaten || beatFailed) {
            return false;
        }
        if (waiting && System.nanoTime() - judgeFrom >= 0) {
            waiting = false;
        }
        return !waiting;
    }

    /**
     * Releases every abandoned reservation; returns how many. Releases nothing while this process may not judge
     * ({@link #mayJudge()}).
     */
    public int releaseAbandoned() {
        if (!mayJudge()) {
            return 0;
        }
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
