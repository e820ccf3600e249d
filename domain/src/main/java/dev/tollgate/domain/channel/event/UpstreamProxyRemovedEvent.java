package dev.tollgate.domain.channel.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A channel's (or, channelId null, the installation's) proxy was removed. */
@Revision("1")
public record UpstreamProxyRemovedEvent(String proxyId, String channelId, String actor, Instant at)
        implements UpstreamProxyEvent {}
