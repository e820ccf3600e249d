package dev.tollgate.application.common.port.out;

import java.util.List;

/**
 * Read-your-writes for the stored (JPA) read side: its projections follow the event log in their own processors, a
 * few milliseconds behind the commands, so a list read right after a change waits here until they have applied every
 * event stored before the call.
 */
public interface ReadSideCatchUpPort {
    /**
     * Waits, for a bounded time, until each named processor has applied every event stored before this call; returns
     * at once for a processor this process does not run. False when the bound passed first (the list is then read as
     * it is).
     */
    boolean awaitCurrent(List<String> processingGroups);
}
