package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a channel; it stops serving traffic at once and can no longer be changed. */
public record DeleteChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId, String actor, Instant at) {
    public DeleteChannelCommand {
        Checks.requireNonNull("channelId", channelId);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
