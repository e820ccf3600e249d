package dev.tollgate.application.common.port.out;

import java.util.List;

/**
 * Upstream credentials of channels, kept encrypted at rest outside the event log. Written before the channel
 * command is sent; read by the routing view when it learns about a channel.
 */
public interface ChannelSecretPort {
    /** Stores (or replaces) the clear keys of a channel; the implementation encrypts them. */
    void store(String channelId, List<String> keys);

    /** The clear keys of a channel, or an empty list when none are stored. */
    List<String> load(String channelId);
}
