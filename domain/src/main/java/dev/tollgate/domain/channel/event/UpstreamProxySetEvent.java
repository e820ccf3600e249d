package dev.tollgate.domain.channel.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Upstream calls of a channel (or, channelId null, of every channel without its own) go through this proxy. The
 * scheme is {@code http} or {@code socks5}; {@code authenticated}: credentials are stored (encrypted, elsewhere).
 */
@Revision("1")
public record UpstreamProxySetEvent(
        String proxyId,
        String channelId,
        String scheme,
        String host,
        int port,
        boolean authenticated,
        String actor,
        Instant at)
        implements UpstreamProxyEvent {}
