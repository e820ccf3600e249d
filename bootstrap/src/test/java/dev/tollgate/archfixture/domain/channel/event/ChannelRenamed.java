package dev.tollgate.archfixture.domain.channel.event;

import org.axonframework.serialization.Revision;

/** Wrong: an event record without the {@code Event} suffix. */
@Revision("1")
public record ChannelRenamed(String channelId, String name) {}
