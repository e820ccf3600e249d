package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import dev.tollgate.domain.channel.event.RoutingPolicySetEvent;
import dev.tollgate.domain.channel.event.UpstreamProxyRemovedEvent;
import dev.tollgate.domain.channel.event.UpstreamProxySetEvent;
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/** The audit log's entries for keys, routing, upstream proxies and channels (processor {@value AuditLogProjection#PROCESSING_GROUP}). */
public class KeyAndChannelAuditProjection {
    private final AuditEntryWriter audit;

    public KeyAndChannelAuditProjection(AuditEntryWriter audit) {
        this.audit = audit;
    }

    @EventHandler
    void on(TokenIssuedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organization(),
                m,
                e.at(),
                e.actor(),
                null,
                "token.issued",
                "token",
                e.tokenId(),
                "name=" + e.name() + " owner=" + e.ownerId() + " " + quota(e.quota(), e.unlimitedQuota())
                        + group(e.group()));
    }

    @EventHandler
    void on(TokenUpdatedEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "token.updated",
                "token",
                e.tokenId(),
                "name=" + e.name() + " status=" + e.status() + " " + quota(e.quota(), e.unlimitedQuota())
                        + group(e.group()));
    }

    @EventHandler
    void on(TokenDeletedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "token.deleted", "token", e.tokenId(), null);
    }

    @EventHandler
    void on(RoutingPolicySetEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "routing.policy_set",
                "setting",
                e.policyId(),
                "default="
                        + e.defaultStrategy() + " groups=" + e.groups() + " models=" + e.models() + " explore="
                        + e.explorePercent() + "%");
    }

    /** The proxy's address only: its credentials are never in the event. */
    @EventHandler
    void on(UpstreamProxySetEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "proxy.set",
                e.channelId() == null ? "setting" : "channel",
                e.channelId() == null ? e.proxyId() : e.channelId(),
                e.scheme() + "://" + e.host() + ":" + e.port() + (e.authenticated() ? " with credentials" : ""));
    }

    @EventHandler
    void on(UpstreamProxyRemovedEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "proxy.removed",
                e.channelId() == null ? "setting" : "channel",
                e.channelId() == null ? e.proxyId() : e.channelId(),
                null);
    }

    @EventHandler
    void on(ChannelCreatedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "channel.created",
                "channel",
                e.channelId(),
                "name=" + e.name() + " type=" + e.type() + " keys="
                        + e.maskedKeys().size() + " models=" + e.models() + (e.privateChannel() ? " private" : ""));
    }

    @EventHandler
    void on(ChannelUpdatedEvent e, EventMessage<?> m) {
        audit.channelEntry(
                m,
                e.at(),
                e.actor(),
                "channel.updated",
                e.channelId(),
                "name=" + e.name()
                        + " models=" + e.models()
                        + (e.maskedKeys() == null
                                ? ""
                                : " keys replaced (" + e.maskedKeys().size() + ")"));
    }

    @EventHandler
    void on(ChannelStatusChangedEvent e, EventMessage<?> m) {
        audit.channelEntry(
                m,
                e.at(),
                e.actor(),
                "channel.status_changed",
                e.channelId(),
                "status=" + e.status() + (e.reason() == null ? "" : " reason=" + e.reason()));
    }

    @EventHandler
    void on(ChannelAutoDisabledEvent e, EventMessage<?> m) {
        audit.channelEntry(m, e.at(), "system", "channel.auto_disabled", e.channelId(), "reason=" + e.reason());
    }

    @EventHandler
    void on(ChannelReEnabledEvent e, EventMessage<?> m) {
        audit.channelEntry(m, e.at(), "system", "channel.re_enabled", e.channelId(), "reason=" + e.reason());
    }

    @EventHandler
    void on(ChannelDeletedEvent e, EventMessage<?> m) {
        audit.channelEntry(m, e.at(), e.actor(), "channel.deleted", e.channelId(), null);
    }

    private static String quota(long quota, boolean unlimited) {
        return unlimited ? "quota=unlimited" : "quota=" + quota;
    }

    private static String group(String group) {
        return group == null ? "" : " group=" + group;
    }
}
