package dev.tollgate.application.relay.service;

import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.domain.channel.ProxyUrl;
import java.util.function.Function;

/**
 * Every upstream call (relay, channel tests and health probes alike) of a channel with an outbound proxy — its own or
 * the installation's — goes out with that proxy in its target; the others are passed on unchanged.
 */
public final class ProxiedChatUpstream implements ChatUpstreamPort {
    private final ChatUpstreamPort delegate;
    private final Function<String, ProxyUrl> proxyOf;

    /**
     * @param proxyOf the proxy of a channel (its own, else the installation's; null: none), e.g.
     *                {@code UpstreamProxies::forChannel}
     */
    public ProxiedChatUpstream(ChatUpstreamPort delegate, Function<String, ProxyUrl> proxyOf) {
        this.delegate = delegate;
        this.proxyOf = proxyOf;
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        ProxyUrl proxy = proxyOf.apply(request.target().channelId());
        return delegate.send(
                proxy == null ? request : request.withTarget(request.target().withProxy(proxy)));
    }
}
