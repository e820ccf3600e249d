package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Change, enable, disable or delete a channel (platform admins; an organisation's OWNER and ADMINs for its private
 * channels; anyone else: not found).
 */
public interface ManageChannelUseCase {
    ChannelView update(String channelId, ChannelChanges changes, Caller caller);

    void delete(String channelId, Caller caller);
}
