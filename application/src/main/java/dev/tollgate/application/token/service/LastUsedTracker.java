package dev.tollgate.application.token.service;

import dev.tollgate.application.token.port.out.KeyUsagePort;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each key was last used, to the second, without a database write per request: the relay notes the time in
 * memory ({@link #used}), and {@link #flush} (every 30 s by default) stores what changed since the last flush in one
 * batch, one row per key however often it was used. A key's view shows the later of the stored time and this
 * node's unflushed one, so another node sees a use at most one flush interval late.
 */
public class LastUsedTracker {
    private static final Logger log = LoggerFactory.getLogger(LastUsedTracker.class);

    private final KeyUsagePort store;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    public LastUsedTracker(KeyUsagePort store) {
        this.store = store;
    }

    /** The key was used at {@code at}; a plain read when it was already noted within the same second. */
    public void used(String tokenId, Instant at) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        Instant noted = pending.get(tokenId);
        if (noted == null || noted.isBefore(second)) {
            pending.merge(tokenId, second, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Stores the times noted since the last flush; on failure they stay noted for the next one. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>(pending);
        try {
            store.recordLastUsed(batch);
        } catch (RuntimeException e) {
            log.warn("could not store {} keys' last-used times, will retry: {}", batch.size(), e.toString());
            return;
        }
        batch.forEach(pending::remove); // removes only entries not noted again meanwhile
    }

    /** The last-used times of these keys: the stored ones, or this node's later unflushed ones. */
    public Map<String, Instant> lastUsed(Collection<String> tokenIds) {
        Map<String, Instant> result = new HashMap<>(store.lastUsed(tokenIds));
        for (String id : tokenIds) {
            Instant local = pending.get(id);
            if (local != null) {
                result.merge(id, local, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return result;
    }
}
