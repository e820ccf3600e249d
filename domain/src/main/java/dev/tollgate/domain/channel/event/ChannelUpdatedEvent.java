package dev.tollgate.domain.channel.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A channel's settings were replaced.
 *
 * @param maskedKeys the masked new keys, or {@code null} when the keys did not change
 */
@Revision("1")
public record ChannelUpdatedEvent(
        String channelId,
        String name,
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
        Instant at)
        implements ChannelEvent {}
