package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/** Add a platform channel (platform admins only). */
public interface CreateChannelUseCase {
    ChannelView create(CreateChannelRequest request, Caller caller);
}
