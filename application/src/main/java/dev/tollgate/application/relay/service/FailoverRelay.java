package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.Admission;
import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelaySink;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.application.relay.port.out.RelayTracingPort;
import dev.tollgate.domain.channel.RoutingStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an admitted request from its candidate channels: attempts on the channels the {@link ChannelRouter} picks,
 * up to {@code maxRetries + 1}; an attempt that failed before the first byte moves on to the next untried channel (or,
 * when the failure was the key's, to the same channel's next key). When none delivered, the client gets the last
 * failure, or 429/503 when every channel was saturated or paused.
 */
public class FailoverRelay {
    private static final Logger log = LoggerFactory.getLogger(FailoverRelay.class);

    private final ChannelRouter router;
    private final UpstreamAttempt attempt;
    private final RelayMetricsPort metrics;
    private final RelaySettings settings;

    public FailoverRelay(
            ChannelRouter router, UpstreamAttempt attempt, RelayMetricsPort metrics, RelaySettings settings) {
        this.router = router;
        this.attempt = attempt;
        this.metrics = metrics;
        this.settings = settings;
    }

    void relay(
            RelayCall call,
            RelaySink sink,
            List<RoutableChannel> candidates,
            Admission admission,
            RelayOutcome outcome,
            String group) {
        RoutingStrategy strategy = router.strategyFor(group, call.model());
        Set<String> tried = new HashSet<>();
        Set<String> triedKeys = new HashSet<>();
        AttemptFailure lastFailure = null;
        boolean allRateLimited = true;
        long retryAfter = 1;
        int attempts = settings.maxRetries() + 1;
        int attempted = 0;
        while (attempted < attempts) {
            RoutableChannel channel;
            ChannelRouter.KeyChoice key = null;
            try (RelayTracingPort route = outcome.span.start("tollgate.relay.route")) {
                channel = router.next(candidates, tried, strategy);
                if (channel != null) {
                    tried.add(channel.id());
                    key = router.pickKey(channel, triedKeys);
                }
                route.tag("tollgate.channel.id", channel == null ? null : channel.id())
                        .tag(
                                "tollgate.route.result",
                                channel == null ? "none" : key == null ? "keys_paused" : "chosen");
            }
            if (channel == null) {
                break;
            }
            if (key == null) {
                // every upstream key of this channel is paused: not an attempt, try another channel
                channel.release();
                continue;
            }
            attempted++;
            outcome.attempts = attempted;
            boolean verdict = false;
            long startedAt = System.nanoTime();
            HeadWatch.Waiting head = router.awaitHead(channel, startedAt);
            try (RelayTracingPort span = outcome.span.start("tollgate.relay.attempt")) {
                span.tag("tollgate.attempt", attempted)
                        .tag("tollgate.channel.id", channel.id())
                        .tag("tollgate.model", call.model())
                        .tag("tollgate.key.index", key.index());
                try {
                    lastFailure = attempt.attempt(
                            call, sink, channel, key.key(), admission, outcome, span.traceparent(), head);
                    router.judge(channel, key, lastFailure);
                    router.timed(strategy, channel, lastFailure, startedAt, outcome.firstByteAt);
                    verdict = true;
                } finally {
                    head.ended();
                    if (!verdict) {
                        router.neutral(channel, key);
                    }
                    channel.release();
                    span.tag("tollgate.upstream.model", outcome.upstreamModel)
                            .tag("tollgate.upstream.status", outcome.upstreamStatus)
                            .tag("tollgate.retry_reason", verdict && lastFailure != null ? lastFailure.reason() : null);
                }
            }
            if (lastFailure == null) {
                return;
            }
            allRateLimited &= lastFailure.rateLimited();
            if (lastFailure.retryAfterSeconds() != null) {
                retryAfter = Math.max(retryAfter, lastFailure.retryAfterSeconds());
            }
            if (lastFailure.scope() == AttemptFailure.Scope.KEY
                    || lastFailure.scope() == AttemptFailure.Scope.KEY_REJECTED) {
                // the key failed, not the channel: its other keys may still serve the request
                triedKeys.add(channel.id() + "#" + key.index());
                tried.remove(channel.id());
            }
            metrics.attemptFailed(call.model(), channel.id(), lastFailure.reason(), attempted < attempts);
            log.debug("attempt on channel {} failed: {}", channel.id(), lastFailure.message());
        }
        if (lastFailure == null) {
            if (candidates.stream().anyMatch(router::saturated)) {
                throw new RelayException(
                        429,
                        "rate_limit_exceeded",
                        "rate_limit_exceeded",
                        "every channel serving '" + call.model() + "' is at its concurrency limit; retry shortly",
                        1L);
            }
            throw new RelayException(
                    503,
                    "upstream_error",
                    "no_available_channel",
                    "every channel serving '" + call.model() + "' is failing and paused; retry shortly",
                    settings.breakerOpen().toSeconds());
        }
        if (allRateLimited) {
            // every provider tried limits this request's rate: the client waits, as it would for the provider itself
            throw new RelayException(
                    429,
                    "requests",
                    "rate_limit_exceeded",
                    "every channel serving '" + call.model() + "' is rate limited by its provider; retry after "
                            + retryAfter + " s",
                    retryAfter);
        }
        throw lastFailure.toException();
    }
}
