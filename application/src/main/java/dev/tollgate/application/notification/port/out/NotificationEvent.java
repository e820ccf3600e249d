package dev.tollgate.application.notification.port.out;

import java.time.Instant;
import java.util.Map;

/**
 * One thing worth telling: a balance fell below its threshold, a channel was taken out of service automatically or
 * came back.
 *
 * @param id             unique per event (a receiver may drop repeats of a retried delivery by it)
 * @param type           {@code balance.low}, {@code channel.disabled} or {@code channel.enabled}
 * @param organizationId the organisation it concerns, or null (a platform channel)
 * @param data           the event's figures (strings and numbers)
 */
public record NotificationEvent(String id, String type, Instant at, String organizationId, Map<String, Object> data) {
    public static final String BALANCE_LOW = "balance.low";
    public static final String CHANNEL_DISABLED = "channel.disabled";
    public static final String CHANNEL_ENABLED = "channel.enabled";
}
