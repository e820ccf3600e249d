package dev.tollgate.domain.channel.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A channel was removed. */
@Revision("1")
public record ChannelDeletedEvent(String channelId, String actor, Instant at) implements ChannelEvent {}
