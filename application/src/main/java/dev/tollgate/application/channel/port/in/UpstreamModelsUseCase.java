package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Ask a channel's upstream which models it serves, to fill the channel's model list (platform admins; an
 * organisation's OWNER and ADMINs for its private channels; anyone else: not found).
 */
public interface UpstreamModelsUseCase {
    /** @throws dev.tollgate.application.common.NotFoundException when the channel does not exist or has no key */
    UpstreamModels upstreamModels(String channelId, Caller caller);
}
