package dev.tollgate.application.channel.port.in;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel as the router sees it: settings, clear upstream keys (used in turn) and the count of requests in
 * flight, which enforces {@code maxConcurrency}. The counters survive a settings change of the channel.
 *
 * <p>{@link #priority()} is the channel's routing tier in the candidate list it came in: the configured priority,
 * except in a list that puts an organisation's private channels ahead of the platform's (see
 * {@link ChannelDirectory#candidates(String, String, String)}), where it is the rank of the channel's tier in that
 * list (so that a private tier and a platform tier of equal configured priority stay apart).
 */
public final class RoutableChannel {
    private final String id;
    private final String type;
    private final String baseUrl;
    private final List<String> keys;
    private final Map<String, String> modelMapping;
    private final int priority;
    private final int weight;
    private final Integer maxConcurrency;
    private final Map<String, String> options;
    private final AtomicInteger inFlight;
    private final AtomicInteger keyCursor;
    private final String organizationId;

    RoutableChannel(
            String id,
            String type,
            String baseUrl,
            List<String> keys,
            Map<String, String> modelMapping,
            int priority,
            int weight,
            Integer maxConcurrency,
            Map<String, String> options,
            AtomicInteger inFlight,
            AtomicInteger keyCursor) {
        this(
                id,
                type,
                baseUrl,
                keys,
                modelMapping,
                priority,
                weight,
                maxConcurrency,
                options,
                inFlight,
                keyCursor,
                null);
    }

    RoutableChannel(
            String id,
            String type,
            String baseUrl,
            List<String> keys,
            Map<String, String> modelMapping,
            int priority,
            int weight,
            Integer maxConcurrency,
            Map<String, String> options,
            AtomicInteger inFlight,
            AtomicInteger keyCursor,
            String organizationId) {
        this.organizationId = organizationId;
        this.id = id;
        this.type = type;
        this.baseUrl = baseUrl;
        this.keys = List.copyOf(keys);
        this.modelMapping = Map.copyOf(modelMapping);
        this.priority = priority;
        this.weight = weight;
        this.maxConcurrency = maxConcurrency;
        this.options = Map.copyOf(options);
        this.inFlight = inFlight;
        this.keyCursor = keyCursor;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int priority() {
        return priority;
    }

    /** The organisation of a private channel, or {@code null} for a platform channel. */
    public String organizationId() {
        return organizationId;
    }

    /**
     * The same channel in routing tier {@code tier}: keys, key cursor and in-flight counter are shared with this one,
     * so concurrency limits and key rotation hold across every list the channel is in.
     */
    RoutableChannel inTier(int tier) {
        return tier == priority
                ? this
                : new RoutableChannel(
                        id,
                        type,
                        baseUrl,
                        keys,
                        modelMapping,
                        tier,
                        weight,
                        maxConcurrency,
                        options,
                        inFlight,
                        keyCursor,
                        organizationId);
    }

    public int weight() {
        return weight;
    }

    public Map<String, String> options() {
        return options;
    }

    /** The upstream's name for the model the client asked for. */
    public String upstreamModel(String requestedModel) {
        return modelMapping.getOrDefault(requestedModel, requestedModel);
    }

    /** The next upstream key, round robin. */
    public String nextKey() {
        return keys.get(nextKeyIndex());
    }

    /** The index of the next upstream key, round robin. */
    public int nextKeyIndex() {
        return Math.floorMod(keyCursor.getAndIncrement(), keys.size());
    }

    public int keyCount() {
        return keys.size();
    }

    /** The clear upstream key at {@code index} (never logged). */
    public String key(int index) {
        return keys.get(index);
    }

    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    /** The most requests in flight the channel takes, or null for no limit. */
    public Integer maxConcurrency() {
        return maxConcurrency;
    }

    public boolean saturated() {
        return maxConcurrency != null && inFlight.get() >= maxConcurrency;
    }

    /** Takes one in-flight slot; false when the channel is at its maxConcurrency. */
    public boolean tryAcquire() {
        if (maxConcurrency == null) {
            inFlight.incrementAndGet();
            return true;
        }
        while (true) {
            int now = inFlight.get();
            if (now >= maxConcurrency) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
