package dev.tollgate.application.token.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** When keys were last used, as stored (shared by every node). */
public interface KeyUsagePort {
    /** Stores these last-used times; a stored later time is kept. */
    void recordLastUsed(Map<String, Instant> lastUsed);

    /** The stored last-used times of these keys (keys never used are absent). */
    Map<String, Instant> lastUsed(Collection<String> tokenIds);
}
