package dev.tollgate.domain.channel.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A channel was enabled or disabled (status is {@code enabled} or {@code disabled}). */
@Revision("1")
public record ChannelStatusChangedEvent(String channelId, String status, String reason, String actor, Instant at)
        implements ChannelEvent {}
