package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop routing the installation's (channelId null) or one channel's upstream calls through a proxy. */
public record RemoveUpstreamProxyCommand(
        @TargetAggregateIdentifier String proxyId, String channelId, String actor, Instant at) {
    public RemoveUpstreamProxyCommand {
        Checks.requireText("proxyId", proxyId, 128);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
