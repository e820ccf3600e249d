package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ProxyScheme;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Route the installation's (channelId null) or one channel's upstream calls through a proxy. Only the public address:
 * the credentials, if any, were stored encrypted before this command.
 */
public record SetUpstreamProxyCommand(
        @TargetAggregateIdentifier String proxyId,
        String channelId,
        ProxyScheme scheme,
        String host,
        int port,
        boolean authenticated,
        String actor,
        Instant at) {
    public SetUpstreamProxyCommand {
        Checks.requireText("proxyId", proxyId, 128);
        Checks.requireNonNull("scheme", scheme);
        Checks.requireText("host", host, 253);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
