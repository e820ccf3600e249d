package dev.tollgate.domain.channel.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A channel was added. Holds masked keys only: the secrets live encrypted outside the event log. */
@Revision("1")
public record ChannelCreatedEvent(
        String channelId,
        String name,
        String type,
        String baseUrl,
        List<String> maskedKeys,
        List<String> models,
        Map<String, String> modelMapping,
        List<String> groups,
        int priority,
        int weight,
        Integer maxConcurrency,
        Map<String, String> options,
        String actor,
        Instant at) implements ChannelEvent {
}
