package dev.tollgate.domain.channel.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Tollgate took a channel out of service because its upstream rejected it; {@code reason} says how. */
@Revision("1")
public record ChannelAutoDisabledEvent(String channelId, String reason, Instant at) implements ChannelEvent {}
