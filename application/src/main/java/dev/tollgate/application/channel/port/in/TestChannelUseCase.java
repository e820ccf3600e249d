package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/** Send one small request through a channel to see whether its upstream answers (platform admins only). */
public interface TestChannelUseCase {
    /**
     * @param model the model to ask for, or null for the channel's first model
     * @throws dev.tollgate.application.common.NotFoundException when the channel does not exist
     */
    ChannelTestResult test(String channelId, String model, Caller caller);
}
