package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Read one channel: for platform admins, or for an organisation's OWNER and ADMINs when it is one of its private
 * channels (anyone else: not found). The lists are {@link ListChannelsUseCase}'s.
 */
public interface ChannelQueryUseCase {
    ChannelView get(String channelId, Caller caller);
}
