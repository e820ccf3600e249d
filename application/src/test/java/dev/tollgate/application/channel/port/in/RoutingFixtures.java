package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds routable channels for router tests (the constructor is package-private on purpose). */
public final class RoutingFixtures {
    private RoutingFixtures() {}

    /**
     * A channel directory with keys for every channel, fed with {@code events} (channel created/updated/status
     * events) as the in-memory view processor would.
     */
    public static ChannelDirectory directory(Object... events) {
        ChannelDirectory directory = new ChannelDirectory(
                new ChannelSecretPort() {
                    @Override
                    public void store(String channelId, List<String> keys) {}

                    @Override
                    public List<String> load(String channelId) {
                        return List.of("sk-" + channelId);
                    }
                },
                new ViewFreshness());
        long sequence = 0;
        for (Object event : events) {
            switch (event) {
                case ChannelCreatedEvent e -> directory.on(e, sequence++);
                case ChannelStatusChangedEvent e -> directory.on(e, sequence++);
                case ChannelDeletedEvent e -> directory.on(e, sequence++);
                default -> throw new IllegalArgumentException("not a fixture event: " + event);
            }
        }
        return directory;
    }

    /** A created event of an OpenAI channel serving {@code models}; {@code organizationId} null: a platform channel. */
    public static ChannelCreatedEvent created(
            String id, String organizationId, List<String> groups, int priority, int weight, String... models) {
        return new ChannelCreatedEvent(
                id,
                id,
                "openai",
                "https://" + id + ".example.com",
                List.of("sk-****"),
                List.of(models),
                Map.of(),
                groups,
                priority,
                weight,
                null,
                Map.of(),
                "user:root",
                Instant.parse("2026-01-01T00:00:00Z"),
                organizationId);
    }

    public static RoutableChannel channel(String id, int priority, int weight, Integer maxConcurrency) {
        return new RoutableChannel(
                id,
                "openai",
                "http://127.0.0.1:1",
                List.of("k1", "k2"),
                Map.of(),
                priority,
                weight,
                maxConcurrency,
                Map.of(),
                new AtomicInteger(),
                new AtomicInteger());
    }
}
