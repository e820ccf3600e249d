package dev.tollgate.config;

import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The relay's metrics at {@code /actuator/prometheus}: {@code tollgate_relay_requests_total},
 * {@code tollgate_relay_tokens_total} (kind prompt/completion), {@code tollgate_relay_cost_units_total} and the
 * {@code tollgate_relay_latency_seconds} histogram, tagged by model, channel and outcome; and
 * {@code tollgate_billing_journal_pending}, the settlements not yet stored. Never a key, prompt or completion.
 */
@Component
public class MicrometerRelayMetrics implements RelayMetricsPort {
    private final MeterRegistry registry;

    public MicrometerRelayMetrics(MeterRegistry registry, BillingJournal journal) {
        this.registry = registry;
        Gauge.builder("tollgate.billing.journal.pending", journal, BillingJournal::pending)
                .description("settlements handed to the billing journal and not stored yet")
                .register(registry);
    }

    @Override
    public void settled(RequestSettledEvent e) {
        String model = e.model();
        String channel = e.channelId() == null ? "none" : e.channelId();
        String outcome = e.outcome();
        Counter.builder("tollgate.relay.requests").description("relayed requests")
                .tags("model", model, "channel", channel, "outcome", outcome).register(registry).increment();
        if (e.promptTokens() > 0) {
            Counter.builder("tollgate.relay.tokens").description("tokens billed")
                    .tags("model", model, "channel", channel, "kind", "prompt").register(registry)
                    .increment(e.promptTokens());
        }
        if (e.completionTokens() > 0) {
            Counter.builder("tollgate.relay.tokens").description("tokens billed")
                    .tags("model", model, "channel", channel, "kind", "completion").register(registry)
                    .increment(e.completionTokens());
        }
        if (e.cost() > 0) {
            Counter.builder("tollgate.relay.cost.units").description("quota units charged (500,000 = 1 USD)")
                    .tags("model", model, "channel", channel).register(registry).increment(e.cost());
        }
        Timer.builder("tollgate.relay.latency").description("time from request to the end of the answer")
                .tags("model", model, "channel", channel, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(Duration.ofMillis(e.latencyMillis()));
    }
}
