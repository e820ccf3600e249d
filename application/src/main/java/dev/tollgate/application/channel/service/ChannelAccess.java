package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.query.ChannelDirectory;
import dev.tollgate.application.channel.query.ChannelView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.organization.query.OrganizationDirectory;
import dev.tollgate.application.organization.query.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.domain.channel.ChannelErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;

/**
 * Who may see and manage which channel. Platform admins: every channel. An organisation's OWNER and ADMINs: its
 * private channels. Anybody else: "not found", the same answer as for a channel that does not exist (no existence
 * leak). For an organisation's channel list, a MEMBER is refused (403) and a non-member gets "not found".
 */
public final class ChannelAccess {
    private final ChannelDirectory channels;
    private final OrganizationDirectory organizations;

    public ChannelAccess(ChannelDirectory channels, OrganizationDirectory organizations) {
        this.channels = channels;
        this.organizations = organizations;
    }

    /** The channel, when the caller may manage it; otherwise "not found". */
    public ChannelView manageable(String channelId, Caller caller) {
        ChannelView view = channels.find(channelId).orElse(null);
        if (view != null && (caller.admin() || (view.privateChannel() && manages(view.organizationId(), caller)))) {
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
        OrganizationRecord org = organizations.find(organizationId)
                .filter(o -> caller.admin() || o.members().containsKey(caller.userId()))
                .orElseThrow(() -> new DomainException(OrganizationErrorCode.ORGANIZATION_NOT_FOUND,
                        "no organisation " + organizationId));
        if (!caller.admin() && !org.roleOf(caller.userId()).map(MemberRole::manages).orElse(false)) {
            throw new DomainException(OrganizationErrorCode.NOT_ALLOWED,
                    "only the organisation's owner and admins may manage its private channels");
        }
        return org;
    }

    private boolean manages(String organizationId, Caller caller) {
        return organizations.find(organizationId)
                .flatMap(o -> o.roleOf(caller.userId()))
                .map(MemberRole::manages)
                .orElse(false);
    }
}
