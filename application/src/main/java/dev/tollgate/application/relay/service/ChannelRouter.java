package dev.tollgate.application.relay.service;

import dev.tollgate.application.channel.query.RoutableChannel;
import dev.tollgate.application.channel.service.ChannelHealthService;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which channel and which of its upstream keys serve the next attempt, and what an attempt's result does to them:
 * highest priority tier first, weighted random inside the tier, skipping channels at their concurrency limit and
 * channels or keys whose circuit breaker is open (this process's view).
 */
public class ChannelRouter {
    private final RelaySettings settings;
    private final RelayMetricsPort metrics;
    private final ChannelHealthService health;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> keyBreakers = new ConcurrentHashMap<>();

    public ChannelRouter(RelaySettings settings, RelayMetricsPort metrics, ChannelHealthService health) {
        this.settings = settings;
        this.metrics = metrics;
        this.health = health;
    }

    /** An upstream key of a channel and its own circuit breaker. */
    record KeyChoice(int index, String key, CircuitBreaker breaker) {
        @Override
        public String toString() {
            return "KeyChoice[index=" + index + "]";
        }
    }

    /** The circuit breaker gate of the router. */
    @FunctionalInterface
    interface Gate {
        boolean admits(RoutableChannel channel, boolean claim);

        Gate OPEN = (channel, claim) -> true;
    }

    /**
     * The next channel not yet tried whose breaker lets a request through, with an in-flight slot (and, for a
     * half-open breaker, the probe slot) taken; null when none is left.
     */
    RoutableChannel next(List<RoutableChannel> candidates, Set<String> tried) {
        return pick(candidates, tried, this::breakerAdmits);
    }

    /**
     * The channel's next key in turn, not yet tried for this request, whose breaker lets a request through; null when
     * there is none. The channel's breaker is told of the attempt that was not made.
     */
    KeyChoice pickKey(RoutableChannel channel, Set<String> triedKeys) {
        int count = channel.keyCount();
        int start = channel.nextKeyIndex();
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = Math.floorMod(start + i, count);
            if (triedKeys.contains(channel.id() + "#" + index)) {
                continue;
            }
            CircuitBreaker b = keyBreaker(channel, index);
            if (b.tryPass(now)) {
                return new KeyChoice(index, channel.key(index), b);
            }
        }
        breaker(channel).onNeutral();
        return null;
    }

    /**
     * Who an attempt's result counts against. A dead connection, a time-out or a 5xx is the channel's (its endpoint
     * is shared by all its keys); a 429 is the key's (rate limits are per upstream account); a 401/402/403 rejects
     * the key: it is paused, and the channel is disabled only when none of its keys is left.
     */
    void judge(RoutableChannel channel, KeyChoice key, AttemptFailure failure) {
        CircuitBreaker breaker = breaker(channel);
        if (failure == null) {
            breaker.onSuccess();
            key.breaker().onSuccess();
            return;
        }
        switch (failure.scope()) {
            case CHANNEL -> {
                breaker.onFailure(System.nanoTime());
                key.breaker().onNeutral();
            }
            case KEY -> {
                breaker.onNeutral();
                key.breaker().onFailure(System.nanoTime());
            }
            case KEY_REJECTED -> {
                breaker.onNeutral();
                long now = System.nanoTime();
                key.breaker().openFor(now, settings.rejectedKeyPause().toNanos());
                if (noKeyLeft(channel, now)) {
                    health.rejectedByUpstream(channel.id(), failure.upstreamStatus());
                }
            }
            case NONE -> neutral(channel, key);
        }
    }

    /** The attempt ended without a verdict (an exception went to the client): neither breaker counts it. */
    void neutral(RoutableChannel channel, KeyChoice key) {
        breaker(channel).onNeutral();
        key.breaker().onNeutral();
    }

    private boolean noKeyLeft(RoutableChannel channel, long now) {
        for (int i = 0; i < channel.keyCount(); i++) {
            if (keyBreaker(channel, i).mayPass(now)) {
                return false;
            }
        }
        return true;
    }

    /** Keyed by the channel, the key's position and a fingerprint of the key, so a replaced key starts afresh. */
    private CircuitBreaker keyBreaker(RoutableChannel channel, int index) {
        String id = channel.id() + "#" + index + "#" + Integer.toHexString(channel.key(index).hashCode());
        return keyBreakers.computeIfAbsent(id, k -> {
            CircuitBreaker b = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpen().toNanos());
            metrics.breaker("key", channel.id(), index, () -> b.state().ordinal());
            return b;
        });
    }

    private CircuitBreaker breaker(RoutableChannel channel) {
        return breakers.computeIfAbsent(channel.id(), id -> {
            CircuitBreaker b = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpen().toNanos());
            metrics.breaker("channel", id, -1, () -> b.state().ordinal());
            return b;
        });
    }

    /** Considers the channel's breaker; {@code claim} takes the half-open probe slot when it is the one chosen. */
    private boolean breakerAdmits(RoutableChannel channel, boolean claim) {
        CircuitBreaker breaker = breaker(channel);
        long now = System.nanoTime();
        return claim ? breaker.tryPass(now) : breaker.mayPass(now);
    }

    /**
     * Highest priority tier first; inside a tier, weighted random among channels not yet tried, not saturated and
     * admitted by their circuit breaker. Takes an in-flight slot (and, for a half-open breaker, the probe slot) on
     * the channel returned.
     */
    static RoutableChannel pick(List<RoutableChannel> candidates, Set<String> tried) {
        return pick(candidates, tried, Gate.OPEN);
    }

    static RoutableChannel pick(List<RoutableChannel> candidates, Set<String> tried, Gate gate) {
        int i = 0;
        while (i < candidates.size()) {
            int priority = candidates.get(i).priority();
            List<RoutableChannel> tier = new ArrayList<>();
            while (i < candidates.size() && candidates.get(i).priority() == priority) {
                RoutableChannel c = candidates.get(i++);
                if (!tried.contains(c.id()) && !c.saturated() && gate.admits(c, false)) {
                    tier.add(c);
                }
            }
            while (!tier.isEmpty()) {
                RoutableChannel chosen = weighted(tier);
                if (chosen.tryAcquire()) {
                    if (gate.admits(chosen, true)) {
                        return chosen;
                    }
                    chosen.release();
                }
                tier.remove(chosen);
            }
        }
        return null;
    }

    private static RoutableChannel weighted(List<RoutableChannel> tier) {
        long total = 0;
        for (RoutableChannel c : tier) {
            total += c.weight();
        }
        if (total <= 0) {
            return tier.get(ThreadLocalRandom.current().nextInt(tier.size()));
        }
        long r = ThreadLocalRandom.current().nextLong(total);
        for (RoutableChannel c : tier) {
            r -= c.weight();
            if (r < 0) {
                return c;
            }
        }
        return tier.get(tier.size() - 1);
    }
}
