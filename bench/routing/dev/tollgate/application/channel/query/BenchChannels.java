package dev.tollgate.application.channel.query;

import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.channel.port.in.RoutingPolicyView;
import dev.tollgate.domain.channel.RoutingRules;
import dev.tollgate.domain.channel.RoutingStrategy;
import dev.tollgate.domain.channel.event.RoutingPolicySetEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Routable channels and routing rules for the router micro-benchmark (both are made in this package only). */
public final class BenchChannels {
    private static long sequence;

    private BenchChannels() {}

    /** Sets the default strategy in the view, as the event would. */
    public static void defaultStrategy(RoutingPolicyView view, RoutingStrategy strategy) {
        view.on(
                RoutingPolicySetEvent.of(
                        "routing-policy", new RoutingRules(strategy, Map.of(), Map.of(), 10), "bench", Instant.now()),
                sequence++);
    }

    public static RoutableChannel channel(String id, int weight) {
        return new RoutableChannel(
                id,
                "openai",
                "http://127.0.0.1:9",
                List.of("sk-bench"),
                Map.of(),
                0,
                weight,
                null,
                Map.of(),
                new AtomicInteger(),
                new AtomicInteger());
    }
}
