package dev.tollgate.application.channel.query;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds routable channels for router tests (the constructor is package-private on purpose). */
public final class RoutingFixtures {
    private RoutingFixtures() {
    }

    public static RoutableChannel channel(String id, int priority, int weight, Integer maxConcurrency) {
        return new RoutableChannel(id, "openai", "http://127.0.0.1:1", List.of("k1", "k2"), Map.of(), priority, weight,
                maxConcurrency, Map.of(), new AtomicInteger(), new AtomicInteger());
    }
}
