package dev.tollgate.application.relay.port.out;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The nodes' shares of cluster-wide channel concurrency limits, kept in the database: the shares of all nodes in one
 * channel never add up to more than its limit (grants are made under a row lock).
 */
public interface ConcurrencySharesPort {
    /** A node's request for more slots of a channel whose limit is {@code limit}: at least one, at best {@code wanted}. */
    record ShareRequest(String channelId, int limit, int wanted) {
        public ShareRequest {
            if (limit < 1 || wanted < 1) {
                throw new IllegalArgumentException("a share request needs limit >= 1 and wanted >= 1");
            }
        }
    }

    /**
     * Raises {@code node}'s shares in one transaction, and records the node as alive. For each request: 0 when no slot
     * is free (the channel is then marked wanted, see {@link #wanted}), else between 1 and {@code wanted} (at most
     * half the free slots unless that is below one). Returns the slots granted, in the requests' order.
     */
    long[] grant(String node, List<ShareRequest> requests);

    /** Those of {@code channelIds} that a node found short in the last {@code within}. */
    Set<String> wanted(Collection<String> channelIds, Duration within);

    /** Lowers {@code node}'s share of the channel by {@code slots}. */
    void giveBack(String node, String channelId, int slots);
}
