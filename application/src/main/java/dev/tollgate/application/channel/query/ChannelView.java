package dev.tollgate.application.channel.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A channel as the admin API shows it; its keys are masked. */
public record ChannelView(
        String id,
        String name,
        String type,
        String baseUrl,
        List<String> keys,
        List<String> models,
        Map<String, String> modelMapping,
        List<String> groups,
        int priority,
        int weight,
        Integer maxConcurrency,
        Map<String, String> options,
        String status,
        Instant createdAt,
        Instant updatedAt) {
}
