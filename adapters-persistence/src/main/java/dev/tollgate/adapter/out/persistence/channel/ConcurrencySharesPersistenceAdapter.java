package dev.tollgate.adapter.out.persistence.channel;

import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.relay.port.out.ConcurrencySharesPort;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shares of cluster-wide channel concurrency limits as node allowances ({@code quota_pool} / {@code quota_allowance},
 * the mechanism that shares quota between nodes): one pool per channel, {@code concurrency:<channelId>}, whose funds
 * are the channel's limit and whose ceilings are the nodes' shares (nothing is ever spent on it, so a node that dies
 * leaves nothing behind when its allowances are retired).
 */
public class ConcurrencySharesPersistenceAdapter implements ConcurrencySharesPort {
    private static final String PREFIX = "concurrency:";

    private final AllowancePort allowances;

    public ConcurrencySharesPersistenceAdapter(AllowancePort allowances) {
        this.allowances = allowances;
    }

    @Override
    public long[] grant(String node, List<ShareRequest> requests) {
        return allowances.grant(
                node,
                requests.stream()
                        .map(r -> new AllowancePort.GrantRequest(PREFIX + r.channelId(), r.limit(), 0, 1, r.wanted()))
                        .toList());
    }

    @Override
    public Set<String> wanted(Collection<String> channelIds, Duration within) {
        return allowances.wanted(channelIds.stream().map(id -> PREFIX + id).toList(), within).stream()
                .map(pool -> pool.substring(PREFIX.length()))
                .collect(Collectors.toSet());
    }

    @Override
    public void giveBack(String node, String channelId, int slots) {
        allowances.giveBack(node, PREFIX + channelId, slots);
    }
}
