package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.channel.query.ChannelView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;

/** Read channels (platform admins only). */
public interface ChannelQueryUseCase {
    Page<ChannelView> list(Caller caller, PageRequest page);

    ChannelView get(String channelId, Caller caller);
}
