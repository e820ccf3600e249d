package dev.tollgate.domain.channel.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An automatically disabled channel answered a probe and is back in service. */
@Revision("1")
public record ChannelReEnabledEvent(String channelId, String reason, Instant at) implements ChannelEvent {}
