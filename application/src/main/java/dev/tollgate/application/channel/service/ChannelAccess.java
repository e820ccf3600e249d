package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.domain.channel.ChannelErrorCode;
import dev.tollgate.domain.common.DomainException;

/**
 * Who may see and manage which channel. Platform admins: every channel. An organisation's OWNER and ADMINs: its
 * private channels. Anybody else: "not found", the same answer as for a channel that does not exist (no existence
 * leak). For an organisation's channel list, a MEMBER is refused (403) and a non-member gets "not found".
 */
public final class ChannelAccess {
    private final ChannelDirectory channels;
    private final OrganizationAccess organizations;

    public ChannelAccess(ChannelDirectory channels, OrganizationDirectory organizations) {
        this.channels = channels;
        this.organizations = new OrganizationAccess(organizations);
    }

    /** The channel, when the caller may manage it; otherwise "not found". */
    public ChannelView manageable(String channelId, Caller caller) {
        ChannelView view = channels.find(channelId).orElse(null);
        if (view != null
                && (caller.admin()
                        || (view.privateChannel() && organizations.manages(view.organizationId(), caller)))) {
            return view;
        }
        throw new NotFoundException(ChannelErrorCode.CHANNEL_NOT_FOUND, "channel " + channelId + " not found");
    }

    /**
     * The organisation, when the caller may manage its private channels: a platform admin, its OWNER or an ADMIN.
     *
     * @throws DomainException {@code organization_not_found} (404) for a non-member or an unknown organisation,
     *                         {@code organization_role_required} (403) for a MEMBER
     */
    public OrganizationRecord managedOrganization(String organizationId, Caller caller) {
        return organizations.managed(
                organizationId, caller, "only the organisation's owner and admins may manage its private channels");
    }
}
