package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/** The credit left on a channel's upstream account, as its provider reports it (platform admins only). */
public interface ChannelBalanceUseCase {
    /**
     * Asks the provider now. When the provider cannot be asked, the answer says why and carries the last balance
     * that was read (by an earlier call or the scheduled refresh), if any.
     *
     * @throws dev.tollgate.application.common.NotFoundException when the channel does not exist
     */
    ChannelBalance balance(String channelId, Caller caller);
}
