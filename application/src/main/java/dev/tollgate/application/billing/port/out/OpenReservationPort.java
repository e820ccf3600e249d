package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import java.time.Duration;
import java.util.List;

/**
 * The reservations recorded and not settled yet, and the Tollgate processes (nodes) that hold them. A node says it is
 * alive by a heartbeat; a reservation whose node has been silent longer than the given time (it was killed, or it
 * restarted under a new id) is abandoned and must be released by whoever finds it.
 */
public interface OpenReservationPort {
    /** Records that {@code node} is alive now (the database's clock). */
    void heartbeat(String node);

    /**
     * Open reservations whose node has not sent a heartbeat for {@code silence} (or never did), oldest first, at most
     * {@code limit}.
     */
    List<QuotaReservedEvent> abandoned(Duration silence, int limit);

    /** Number of reservations open now, on every node. */
    long openCount();

    /** Forgets nodes silent for {@code silence} that hold no open reservation any more. */
    void forgetSilentNodes(Duration silence);
}
