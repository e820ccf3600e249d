package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.UpstreamProxyUseCase;
import dev.tollgate.application.channel.query.UpstreamProxies;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.channel.ProxyUrl;
import dev.tollgate.domain.channel.UpstreamProxyPolicy;
import dev.tollgate.domain.channel.command.RemoveUpstreamProxyCommand;
import dev.tollgate.domain.channel.command.SetUpstreamProxyCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Sets and removes the outbound proxies (platform admins only: a proxy decides where every byte of a channel goes,
 * private channels included). The credentials are stored encrypted, like channel keys, before the command; the event
 * carries only the address.
 */
public class UpstreamProxyService implements UpstreamProxyUseCase {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);
    private static final String ADMINS_ONLY = "only platform admins may see or set outbound proxies";

    private final CommandGateway commands;
    private final UpstreamProxies proxies;
    private final ChannelSecretPort secrets;
    private final ChannelAccess access;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public UpstreamProxyService(
            CommandGateway commands,
            UpstreamProxies proxies,
            ChannelSecretPort secrets,
            ChannelAccess access,
            ClockPort clock,
            ViewFreshness freshness) {
        this.commands = commands;
        this.proxies = proxies;
        this.secrets = secrets;
        this.access = access;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public Optional<ProxyView> globalProxy(Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        return proxies.global().map(UpstreamProxyService::view);
    }

    @Override
    public ProxyView setGlobalProxy(String url, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        return set(null, ProxyUrl.parse(url), caller);
    }

    @Override
    public void removeGlobalProxy(Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        remove(null, caller);
    }

    @Override
    public Optional<ProxyView> channelProxy(String channelId, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        access.manageable(channelId, caller);
        return proxies.ofChannel(channelId).map(UpstreamProxyService::view);
    }

    @Override
    public ProxyView setChannelProxy(String channelId, String url, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        access.manageable(channelId, caller);
        return set(channelId, ProxyUrl.parse(url), caller);
    }

    @Override
    public void removeChannelProxy(String channelId, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        access.manageable(channelId, caller);
        remove(channelId, caller);
    }

    private ProxyView set(String channelId, ProxyUrl proxy, Caller caller) {
        String proxyId = UpstreamProxyPolicy.idOf(channelId);
        secrets.store(
                UpstreamProxies.secretId(proxyId),
                proxy.authenticated() ? List.of(proxy.username(), proxy.password()) : List.of());
        long version = commands.sendAndWait(new SetUpstreamProxyCommand(
                proxyId,
                channelId,
                proxy.scheme(),
                proxy.host(),
                proxy.port(),
                proxy.authenticated(),
                caller.actor(),
                clock.now()));
        freshness.await(proxyId, version, VIEW_WAIT);
        return view(proxy);
    }

    private void remove(String channelId, Caller caller) {
        String proxyId = UpstreamProxyPolicy.idOf(channelId);
        long version =
                commands.sendAndWait(new RemoveUpstreamProxyCommand(proxyId, channelId, caller.actor(), clock.now()));
        freshness.await(proxyId, version, VIEW_WAIT);
        secrets.store(UpstreamProxies.secretId(proxyId), List.of());
    }

    private static ProxyView view(ProxyUrl proxy) {
        return new ProxyView(proxy.scheme().wireName(), proxy.host(), proxy.port(), proxy.authenticated());
    }
}
