package dev.tollgate.archfixture.domain.channel.event;

/** Wrong: an event record without {@code @Revision}. */
public record ChannelArchivedEvent(String channelId) {}
