package dev.tollgate.config;

import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.springframework.context.annotation.Configuration;

/**
 * The relay's metrics at {@code /actuator/prometheus}: {@code tollgate_relay_requests_total},
 * {@code tollgate_relay_tokens_total} (kind prompt/completion), {@code tollgate_relay_cost_units_total} and the
 * {@code tollgate_relay_latency_seconds} histogram, tagged by model, channel and outcome; and
 * {@code tollgate_billing_journal_pending}, the settlements not yet stored;
 * {@code tollgate_billing_allowance_unused_units} and {@code tollgate_billing_allowance_requests_total}, this process's
 * unused quota allowance and its top-ups. Never a key, prompt or completion.
 * Meters are looked up once per tag combination and then reused: recording is a few atomic adds per request.
 */
@Configuration(proxyBeanMethods = false)
public class MicrometerRelayMetrics implements RelayMetricsPort {
    private record Key(String model, String channel, String outcome) {}

    private record Meters(
            Counter requests, Counter promptTokens, Counter completionTokens, Counter cost, Timer latency) {}

    private final MeterRegistry registry;
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

    public MicrometerRelayMetrics(MeterRegistry registry, BillingJournal journal, QuotaLedger ledger) {
        this.registry = registry;
        Gauge.builder("tollgate.billing.journal.pending", journal, BillingJournal::pending)
                .description("settlements handed to the billing journal and not stored yet")
                .register(registry);
        Gauge.builder("tollgate.billing.allowance.unused", ledger, QuotaLedger::unusedAllowance)
                .description("quota units this process was granted and has not used (keys, budgets, wallets)")
                .baseUnit("units")
                .register(registry);
        FunctionCounter.builder("tollgate.billing.allowance.requests", ledger, QuotaLedger::allowanceRequests)
                .description("times this process asked the database for more allowance")
                .register(registry);
    }

    @Override
    public void settled(MeteredUsage e, long charged) {
        Meters m = meters.computeIfAbsent(
                new Key(e.model(), e.channelId() == null ? "none" : e.channelId(), e.outcome()), this::create);
        m.requests().increment();
        m.promptTokens().increment(e.promptTokens());
        m.completionTokens().increment(e.completionTokens());
        m.cost().increment(charged);
        m.latency().record(e.latencyMillis(), TimeUnit.MILLISECONDS);
    }

    private record FailureKey(String model, String channel, String reason, boolean failover) {}

    private final Map<FailureKey, Counter> failures = new ConcurrentHashMap<>();

    /**
     * {@code tollgate_relay_attempt_failures_total{model,channel,reason,failover}}: attempts that failed before the
     * first byte, and whether another channel was tried next (a failover).
     */
    @Override
    public void attemptFailed(String model, String channelId, String reason, boolean failover) {
        failures.computeIfAbsent(
                        new FailureKey(model, channelId, reason, failover),
                        k -> Counter.builder("tollgate.relay.attempt.failures")
                                .description("relay attempts that failed before the first byte")
                                .tags(
                                        "model",
                                        k.model(),
                                        "channel",
                                        k.channel(),
                                        "reason",
                                        k.reason(),
                                        "failover",
                                        Boolean.toString(k.failover()))
                                .register(registry))
                .increment();
    }

    /**
     * {@code tollgate_relay_breaker_state{scope,channel,key}}: 0 closed, 1 open, 2 half-open, for each channel's
     * breaker and each upstream key's (by position, never the key).
     */
    @Override
    public void breaker(String scope, String channelId, int keyIndex, IntSupplier state) {
        Gauge.builder("tollgate.relay.breaker.state", state, s -> s.getAsInt())
                .description("circuit breaker state: 0 closed, 1 open, 2 half-open")
                .tags("scope", scope, "channel", channelId, "key", keyIndex < 0 ? "all" : Integer.toString(keyIndex))
                .strongReference(true)
                .register(registry);
    }

    /**
     * {@code tollgate_relay_breaker_stalled_attempts{channel}}: the channel's attempts that have waited longer than
     * {@code tollgate.relay.breaker.stalled-after} for their head, with no head from the channel since they started.
     */
    @Override
    public void stalledAttempts(String channelId, IntSupplier count) {
        Gauge.builder("tollgate.relay.breaker.stalled.attempts", count, c -> c.getAsInt())
                .description("attempts waiting longer than the stall threshold for their head")
                .tags("channel", channelId)
                .strongReference(true)
                .register(registry);
    }

    private record ModelChannel(String model, String channel) {}

    private final Map<ModelChannel, Timer> firstBytes = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Map<String, Counter> organizationCosts = new ConcurrentHashMap<>();

    /**
     * {@code tollgate_relay_ttfb_seconds{model,channel}} (histogram): from the request's arrival to the first byte of
     * its answer going to the client.
     */
    @Override
    public void firstByte(String model, String channelId, long nanos) {
        firstBytes
                .computeIfAbsent(
                        new ModelChannel(model, channelId == null ? "none" : channelId),
                        k -> Timer.builder("tollgate.relay.ttfb")
                                .description("time to the answer's first byte")
                                .tags("model", k.model(), "channel", k.channel())
                                .publishPercentileHistogram()
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code tollgate_relay_refused_total{status,code}}: the relay's own error answers, by OpenAI error code. */
    @Override
    public void refused(int status, String code) {
        refusals.computeIfAbsent(
                        status + " " + code,
                        k -> Counter.builder("tollgate.relay.refused")
                                .description("requests the relay answered with an error")
                                .tags("status", Integer.toString(status), "code", code)
                                .register(registry))
                .increment();
    }

    /**
     * {@code tollgate_organization_cost_units_total{organization}}: units charged per paying organisation (one series
     * per organisation that relayed since the start: mind the cardinality with many personal organisations).
     */
    @Override
    public void organizationCharged(String organizationId, long charged) {
        organizationCosts
                .computeIfAbsent(
                        organizationId == null ? "none" : organizationId,
                        k -> Counter.builder("tollgate.organization.cost.units")
                                .description("quota units charged per organisation (500,000 = 1 USD)")
                                .tags("organization", k)
                                .register(registry))
                .increment(charged);
    }

    private Meters create(Key k) {
        return new Meters(
                Counter.builder("tollgate.relay.requests")
                        .description("relayed requests")
                        .tags("model", k.model(), "channel", k.channel(), "outcome", k.outcome())
                        .register(registry),
                Counter.builder("tollgate.relay.tokens")
                        .description("tokens billed")
                        .tags("model", k.model(), "channel", k.channel(), "kind", "prompt")
                        .register(registry),
                Counter.builder("tollgate.relay.tokens")
                        .description("tokens billed")
                        .tags("model", k.model(), "channel", k.channel(), "kind", "completion")
                        .register(registry),
                Counter.builder("tollgate.relay.cost.units")
                        .description("quota units charged (500,000 = 1 USD)")
                        .tags("model", k.model(), "channel", k.channel())
                        .register(registry),
                Timer.builder("tollgate.relay.latency")
                        .description("time from request to the end of the answer")
                        .tags("model", k.model(), "channel", k.channel(), "outcome", k.outcome())
                        .publishPercentileHistogram()
                        .register(registry));
    }
}
