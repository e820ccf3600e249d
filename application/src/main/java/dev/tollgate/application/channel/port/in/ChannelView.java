package dev.tollgate.application.channel.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel as the admin API shows it; its keys are masked.
 *
 * @param organizationId the organisation of a private channel (bring your own key), or {@code null} for a platform
 *                       channel
 */
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
        Instant updatedAt,
        String organizationId) {

    /** The same channel with another status, changed at {@code at}. */
    public ChannelView withStatus(String newStatus, Instant at) {
        return new ChannelView(
                id,
                name,
                type,
                baseUrl,
                keys,
                models,
                modelMapping,
                groups,
                priority,
                weight,
                maxConcurrency,
                options,
                newStatus,
                createdAt,
                at,
                organizationId);
    }

    /** Whether this is an organisation's private channel. */
    public boolean privateChannel() {
        return organizationId != null;
    }
}
