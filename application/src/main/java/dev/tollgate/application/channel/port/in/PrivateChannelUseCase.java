package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/**
 * An organisation's private channels (bring your own key): visible and usable only inside the organisation. Its OWNER
 * and ADMINs and platform admins add them (and list them, {@link ListChannelsUseCase}); a MEMBER is refused (403), anyone else gets "not found" (404).
 * Once created, a private channel is managed through {@link ManageChannelUseCase} and {@link ChannelQueryUseCase} by
 * the same people.
 */
public interface PrivateChannelUseCase {
    /**
     * Adds a private channel. It has no groups (it serves every key of the organisation, whatever the key's group);
     * its base URL must not point into a private network.
     *
     * @throws dev.tollgate.domain.common.InvalidValueException {@code groups} given, a {@code vertex} type, or a base
     *                                                          URL whose host is or resolves to an internal address
     */
    ChannelView create(String organizationId, CreateChannelRequest request, Caller caller);
}
