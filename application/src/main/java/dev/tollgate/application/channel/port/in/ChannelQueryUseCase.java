package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;

/**
 * Read channels: the whole list for platform admins; one channel for platform admins, or for an organisation's OWNER
 * and ADMINs when it is one of its private channels (anyone else: not found).
 */
public interface ChannelQueryUseCase {
    /** The platform's channels matching the filter (platform admins only). */
    Page<ChannelView> list(Caller caller, ChannelFilter filter, PageRequest page);

    ChannelView get(String channelId, Caller caller);
}
