package dev.tollgate.domain.channel.event;

/** Every fact recorded about an outbound proxy (never its credentials). */
public sealed interface UpstreamProxyEvent permits UpstreamProxySetEvent, UpstreamProxyRemovedEvent {
    String proxyId();

    /** The channel whose proxy this is; null for the installation's. */
    String channelId();
}
