package dev.tollgate.domain.channel.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A channel was added. Holds masked keys only: the secrets live encrypted outside the event log.
 *
 * @param organizationId the organisation whose private channel (bring your own key) this is, or {@code null} for a
 *                       platform channel; revision 1 events have none and read as {@code null}: platform channels.
 *                       A private channel has no groups (it serves every key of its organisation).
 */
@Revision("2")
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
        Instant at,
        String organizationId)
        implements ChannelEvent {

    /** A platform channel. */
    public ChannelCreatedEvent(
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
            Instant at) {
        this(
                channelId,
                name,
                type,
                baseUrl,
                maskedKeys,
                models,
                modelMapping,
                groups,
                priority,
                weight,
                maxConcurrency,
                options,
                actor,
                at,
                null);
    }

    /** Whether this is an organisation's private channel. */
    public boolean privateChannel() {
        return organizationId != null;
    }
}
