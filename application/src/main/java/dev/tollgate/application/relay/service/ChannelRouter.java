package dev.tollgate.application.relay.service;

import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.channel.port.in.RoutingPolicyView;
import dev.tollgate.application.channel.port.in.UpstreamRejectionUseCase;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.domain.channel.RoutingStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which channel and which of its upstream keys serve the next attempt, and what an attempt's result does to them:
 * highest priority tier first; inside the tier, the request's {@link RoutingStrategy} (weighted random, lowest recent
 * time to first byte with an exploration share, or fewest in flight), skipping channels at their concurrency limit
 * and channels or keys whose circuit breaker is open (this process's view), and channels with stalled attempts while
 * another channel can serve.
 */
public class ChannelRouter {
    private final RelaySettings settings;
    private final RelayMetricsPort metrics;
    private final UpstreamRejectionUseCase health;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> keyBreakers = new ConcurrentHashMap<>();
    private final RoutingPolicyView policy;
    private final LatencyFigures latency;
    private final ClusterConcurrency cluster;

    /**
     * @param latencyDecay τ of the latency figures' decay: how far back the {@code latency} strategy looks
     * @param cluster      the shares of cluster-wide concurrency limits
     */
    public ChannelRouter(
            RelaySettings settings,
            RelayMetricsPort metrics,
            UpstreamRejectionUseCase health,
            RoutingPolicyView policy,
            Duration latencyDecay,
            ClusterConcurrency cluster) {
        this.settings = settings;
        this.cluster = cluster;
        this.metrics = metrics;
        this.health = health;
        this.policy = policy;
        this.latency = new LatencyFigures(latencyDecay.toNanos());
    }

    /** An upstream key of a channel and its own circuit breaker. */
    record KeyChoice(int index, String key, CircuitBreaker breaker) {
        @Override
        public String toString() {
            return "KeyChoice[index=" + index + "]";
        }
    }

    /** How one channel is chosen among the eligible channels of a priority tier (never empty). */
    @FunctionalInterface
    interface TierChoice {
        RoutableChannel choose(List<RoutableChannel> tier);
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
    RoutableChannel next(List<RoutableChannel> candidates, Set<String> tried, RoutingStrategy strategy) {
        TierChoice choice = choice(strategy);
        RoutableChannel chosen = pick(candidates, tried, this::breakerAdmits, choice);
        if (chosen == null) {
            // a stall is a guess (a hung upstream, or long answers): a stalled channel is left out only while another
            // channel can serve; an open breaker is a fact and keeps it out
            chosen = pick(candidates, tried, this::breakerAdmitsStalled, choice);
        }
        return chosen;
    }

    /**
     * The attempt on {@code channel} starting now waits for its head: the channel's breaker counts it as stalled
     * after the stall threshold, until it reports its head or its end.
     */
    HeadWatch.Waiting awaitHead(RoutableChannel channel, long nowNanos) {
        return breaker(channel).awaitHead(nowNanos);
    }

    /** The strategy for a request of {@code model} by a key of {@code group}. */
    RoutingStrategy strategyFor(String group, String model) {
        return policy.strategyFor(group, model);
    }

    private TierChoice choice(RoutingStrategy strategy) {
        return switch (strategy) {
            case WEIGHTED -> ChannelRouter::weighted;
            case LATENCY -> this::fastest;
            case LEAST_BUSY -> ChannelRouter::leastBusy;
        };
    }

    /**
     * What an attempt tells the {@code latency} strategy (other strategies keep no figures): a delivered answer its
     * time to first byte ({@code firstByteAt}, as {@link System#nanoTime()}); a failure of the channel itself (no
     * connection, time-out, 5xx, broken answer) counts as slow as the first-byte time-out, so that a failing channel
     * never looks fast. Failures of a key or of the request say nothing of the channel's speed.
     */
    void timed(
            RoutingStrategy strategy,
            RoutableChannel channel,
            AttemptFailure failure,
            long startedAt,
            long firstByteAt) {
        if (strategy != RoutingStrategy.LATENCY) {
            return;
        }
        long now = System.nanoTime();
        if (failure == null) {
            if (firstByteAt != 0) {
                latency.record(channel.id(), firstByteAt - startedAt, now);
            }
        } else if (failure.scope() == AttemptFailure.Scope.CHANNEL) {
            latency.record(
                    channel.id(),
                    Math.max(now - startedAt, settings.firstByteTimeout().toNanos()),
                    now);
        }
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
        String id = channel.id() + "#" + index + "#"
                + Integer.toHexString(channel.key(index).hashCode());
        return keyBreakers.computeIfAbsent(id, k -> {
            CircuitBreaker b = new CircuitBreaker(
                    settings.breakerThreshold(), settings.breakerOpen().toNanos());
            metrics.breaker("key", channel.id(), index, () -> b.state().ordinal());
            return b;
        });
    }

    private CircuitBreaker breaker(RoutableChannel channel) {
        return breakers.computeIfAbsent(channel.id(), id -> {
            CircuitBreaker b = new CircuitBreaker(
                    settings.breakerThreshold(),
                    settings.breakerOpen().toNanos(),
                    settings.breakerStalledAfter().toNanos());
            metrics.breaker("channel", id, -1, () -> b.state().ordinal());
            metrics.stalledAttempts(id, () -> b.stalledAttempts(System.nanoTime()));
            return b;
        });
    }

    /**
     * Considers the channel's breaker, a stalled channel refused, and, when it is the one chosen ({@code claim}), its
     * cluster-wide concurrency share; {@code claim} takes the half-open probe slot.
     */
    private boolean breakerAdmits(RoutableChannel channel, boolean claim) {
        return admits(channel, claim, false);
    }

    /** As {@link #breakerAdmits}, a stalled channel admitted (the last resort). */
    private boolean breakerAdmitsStalled(RoutableChannel channel, boolean claim) {
        return admits(channel, claim, true);
    }

    private boolean admits(RoutableChannel channel, boolean claim, boolean stalledToo) {
        CircuitBreaker breaker = breaker(channel);
        long now = System.nanoTime();
        if (!stalledToo && breaker.stalled(now)) {
            return false;
        }
        if (!claim) {
            return breaker.mayPass(now);
        }
        return cluster.admits(channel) && breaker.tryPass(now);
    }

    /** Whether the channel is at its concurrency limit: this node's, or its share of the cluster's. */
    boolean saturated(RoutableChannel channel) {
        return channel.saturated() || cluster.full(channel);
    }

    /**
     * Highest priority tier first; inside a tier, weighted random among channels not yet tried, not saturated and
     * admitted by their circuit breaker. Takes an in-flight slot (and, for a half-open breaker, the probe slot) on
     * the channel returned.
     */
    static RoutableChannel pick(List<RoutableChannel> candidates, Set<String> tried) {
        return pick(candidates, tried, Gate.OPEN, ChannelRouter::weighted);
    }

    static RoutableChannel pick(List<RoutableChannel> candidates, Set<String> tried, Gate gate, TierChoice choice) {
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
                RoutableChannel chosen = choice.choose(tier);
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

    /**
     * The channel with the lowest recent time to first byte (one without a figure yet first, to get one); with
     * probability {@code explorePercent} %, one of the others at random instead, so their figures stay fresh and a
     * channel that recovered wins its traffic back.
     */
    private RoutableChannel fastest(List<RoutableChannel> tier) {
        RoutableChannel best = tier.getFirst();
        double bestFigure = latency.figure(best.id());
        for (int i = 1; i < tier.size(); i++) {
            double figure = latency.figure(tier.get(i).id());
            if (figure < bestFigure) {
                best = tier.get(i);
                bestFigure = figure;
            }
        }
        int explore = policy.current().explorePercent();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (tier.size() > 1 && explore > 0 && random.nextInt(100) < explore) {
            int other = random.nextInt(tier.size() - 1);
            RoutableChannel chosen = tier.get(other);
            return chosen == best ? tier.get(tier.size() - 1) : chosen;
        }
        return best;
    }

    /** The channel with the fewest requests in flight on this node; ties broken at random. */
    static RoutableChannel leastBusy(List<RoutableChannel> tier) {
        RoutableChannel best = null;
        int least = Integer.MAX_VALUE;
        int ties = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (RoutableChannel c : tier) {
            int busy = c.inFlight();
            if (busy < least) {
                best = c;
                least = busy;
                ties = 1;
            } else if (busy == least && random.nextInt(++ties) == 0) {
                best = c;
            }
        }
        return best;
    }

    static RoutableChannel weighted(List<RoutableChannel> tier) {
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
