package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.ChannelFilter;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.in.ListChannelsUseCase;
import dev.tollgate.application.channel.port.out.ChannelListPort;
import dev.tollgate.application.channel.port.out.ChannelListPort.ChannelQuery;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;

/**
 * Lists channels from their stored projection ({@link ChannelListPort}). Who may list is decided first (platform admins;
 * for an organisation's private channels, {@link ChannelAccess} on the in-memory organisations); then the parameters
 * are checked; then the read side is given the time to apply the caller's own last changes.
 */
public class ChannelListService implements ListChannelsUseCase {
    private final ChannelListPort channels;
    private final ChannelAccess access;
    private final ReadSideCatchUpPort catchUp;

    public ChannelListService(ChannelListPort channels, ChannelAccess access, ReadSideCatchUpPort catchUp) {
        this.channels = channels;
        this.access = access;
        this.catchUp = catchUp;
    }

    @Override
    public Page<ChannelView> list(
            Caller caller, String q, String type, String status, String group, String model, int page, int size) {
        caller.requireAdmin(ChannelService.ADMINS_ONLY);
        return read(
                null, new ChannelFilter(new TextSearch(q), type, status, group, model), new PageRequest(page, size));
    }

    @Override
    public Page<ChannelView> listInOrganization(
            String organizationId,
            Caller caller,
            String q,
            String type,
            String status,
            String model,
            int page,
            int size) {
        String id = access.managedOrganization(organizationId, caller).id();
        return read(id, new ChannelFilter(new TextSearch(q), type, status, null, model), new PageRequest(page, size));
    }

    private Page<ChannelView> read(String organizationId, ChannelFilter filter, PageRequest request) {
        ChannelQuery query = new ChannelQuery(organizationId, filter);
        catchUp.awaitCurrent(ChannelListPort.PROCESSING_GROUPS);
        // the total first: a row stored between the two reads is then on the page too, never only in the total
        long total = channels.count(query);
        return new Page<>(
                channels.find(query, request.offset(), request.size()), request.page(), request.size(), total);
    }
}
