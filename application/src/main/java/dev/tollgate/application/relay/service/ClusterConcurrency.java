package dev.tollgate.application.relay.service;

import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.relay.port.out.ConcurrencySharesPort;
import dev.tollgate.domain.channel.ChannelOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide {@code maxConcurrency} (channel option {@code concurrencyScope=cluster}): the channel's limit is shared
 * by all nodes together. Each node holds a share of the channel's slots, granted by the database
 * ({@link ConcurrencySharesPort}: the shares of all nodes never add up to more than the limit). A request is admitted from memory when the node's
 * requests in flight to the channel fit its share; the periodic {@link #rebalance} asks for more for channels that
 * ran short and gives back what stays unused when another node is short (or the limit was lowered), so the hot path
 * writes to the database only when a node holds no share of the channel (at most once per 100 ms).
 * A node that stops gives its shares back; one that dies loses them with its heartbeat (billing retires its
 * allowances).
 */
public final class ClusterConcurrency {
    private static final Logger log = LoggerFactory.getLogger(ClusterConcurrency.class);
    /** How long a pool another node found short counts as wanted. */
    private static final Duration WANTED_WITHIN = Duration.ofSeconds(1);
    /**
     * A node without any share asks for one on the request's thread at most this often; in between its requests are
     * refused from memory and the background rebalance asks.
     */
    private static final long ASK_AGAIN_NANOS = 100_000_000L;

    private final ConcurrencySharesPort allowances;
    private final String node;
    private final Map<String, Share> shares = new ConcurrentHashMap<>();

    /** This node's share of one channel. */
    /** How long a refusal for want of share still explains a request that found no channel. */
    static final long REFUSAL_MEMORY_NANOS = 1_000_000_000L;

    static final class Share {
        final String channelId;
        volatile int limit;
        /** Slots the database granted this node. */
        final AtomicInteger granted = new AtomicInteger();
        /** Most requests in flight (or wanted) here since the last rebalance. */
        final AtomicInteger peak = new AtomicInteger();

        volatile RoutableChannel channel;
        /** When a request last asked the database for a first share itself ({@link System#nanoTime()}). */
        volatile long lastAskedAt;
        /** When this node last turned a request away for want of share ({@link System#nanoTime()}; 0: never). */
        volatile long refusedAt;

        Share(String channelId) {
            this.channelId = channelId;
            this.lastAskedAt = System.nanoTime() - ASK_AGAIN_NANOS - 1;
        }
    }

    public ClusterConcurrency(ConcurrencySharesPort allowances, String node) {
        this.allowances = allowances;
        this.node = node;
    }

    /** Whether the channel's limit is shared by all nodes. */
    public static boolean clusterWide(RoutableChannel channel) {
        return channel.maxConcurrency() != null
                && ChannelOptions.CONCURRENCY_CLUSTER.equals(channel.options().get(ChannelOptions.CONCURRENCY_SCOPE));
    }

    /**
     * Whether the channel, on which this request just took a local in-flight slot, is within this node's share. The
     * first time, the share is asked for there and then (one small transaction).
     */
    boolean admits(RoutableChannel channel) {
        if (!clusterWide(channel)) {
            return true;
        }
        Share share = shares.computeIfAbsent(channel.id(), Share::new);
        share.channel = channel;
        share.limit = channel.maxConcurrency();
        int inFlight = channel.inFlight();
        share.peak.accumulateAndGet(inFlight, Math::max);
        if (inFlight <= share.granted.get()) {
            return true;
        }
        long now = System.nanoTime();
        if (share.granted.get() == 0 && now - share.lastAskedAt > ASK_AGAIN_NANOS) {
            synchronized (share) {
                if (share.granted.get() == 0 && now - share.lastAskedAt > ASK_AGAIN_NANOS) {
                    share.lastAskedAt = now;
                    grant(List.of(share), new int[] {Math.max(1, inFlight)});
                }
            }
            if (inFlight <= share.granted.get()) {
                return true;
            }
        }
        share.refusedAt = now;
        return false;
    }

    /**
     * Whether the channel is at this node's share (no request of it would be admitted now), also when this node could
     * get no share at all because the other nodes hold the whole limit.
     */
    boolean full(RoutableChannel channel) {
        if (!clusterWide(channel)) {
            return false;
        }
        Share share = shares.get(channel.id());
        // no share granted to this node yet: from here the channel is at its limit; and a request turned away a moment
        // ago (the requests in flight then may have ended since) was turned away for this limit
        return share == null
                || channel.inFlight() >= share.granted.get()
                || share.refusedAt != 0 && System.nanoTime() - share.refusedAt < REFUSAL_MEMORY_NANOS;
    }

    /**
     * Tops up the shares that ran short since the last call and gives back what stays unused when another node is
     * short or the limit was lowered (keeping one slot for a channel in use).
     */
    public void rebalance() {
        if (shares.isEmpty()) {
            return;
        }
        Set<String> wanted =
                allowances.wanted(shares.values().stream().map(s -> s.channelId).toList(), WANTED_WITHIN);
        List<Share> shortOnes = new ArrayList<>();
        List<Integer> more = new ArrayList<>();
        for (Share share : shares.values()) {
            RoutableChannel channel = share.channel;
            int inFlight = channel == null ? 0 : channel.inFlight();
            int peak = Math.max(share.peak.getAndSet(inFlight), inFlight);
            int granted = share.granted.get();
            int keep = Math.min(share.limit, Math.max(peak, 1));
            if (peak > granted && granted < share.limit) {
                shortOnes.add(share);
                more.add(Math.min(share.limit, peak) - granted);
            } else if (granted > share.limit || granted > keep && wanted.contains(share.channelId)) {
                giveBack(share, granted - Math.max(keep, inFlight));
            }
        }
        if (!shortOnes.isEmpty()) {
            grant(shortOnes, more.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Gives every share back (at shutdown). */
    public void releaseAll() {
        for (Share share : shares.values()) {
            giveBack(share, share.granted.get());
        }
    }

    private void grant(List<Share> wanting, int[] amounts) {
        List<ConcurrencySharesPort.ShareRequest> requests = new ArrayList<>();
        for (int i = 0; i < wanting.size(); i++) {
            Share s = wanting.get(i);
            requests.add(new ConcurrencySharesPort.ShareRequest(s.channelId, s.limit, Math.max(1, amounts[i])));
        }
        try {
            long[] granted = allowances.grant(node, requests);
            for (int i = 0; i < granted.length; i++) {
                wanting.get(i).granted.addAndGet((int) granted[i]);
            }
        } catch (RuntimeException e) {
            log.warn("could not get a share of cluster-wide channel concurrency: {}", e.toString());
        }
    }

    private void giveBack(Share share, int amount) {
        if (amount <= 0) {
            return;
        }
        share.granted.addAndGet(-amount); // first here: this node never admits beyond what the database counts
        try {
            allowances.giveBack(node, share.channelId, amount);
        } catch (RuntimeException e) {
            share.granted.addAndGet(amount);
            log.warn("could not give back a share of cluster-wide channel concurrency: {}", e.toString());
        }
    }
}
