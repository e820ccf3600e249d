package dev.tollgate.domain.channel.event;

/** Every fact recorded about a channel. */
public sealed interface ChannelEvent
        permits ChannelCreatedEvent,
                ChannelUpdatedEvent,
                ChannelStatusChangedEvent,
                ChannelDeletedEvent,
                ChannelAutoDisabledEvent,
                ChannelReEnabledEvent {
    String channelId();
}
