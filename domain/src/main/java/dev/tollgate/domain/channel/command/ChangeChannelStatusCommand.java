package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.channel.ChannelStatus;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enable or disable a channel. */
public record ChangeChannelStatusCommand(
        @TargetAggregateIdentifier ChannelId channelId, ChannelStatus status, String reason, String actor, Instant at) {

    public ChangeChannelStatusCommand {
        Checks.requireNonNull("channelId", channelId);
        Checks.requireNonNull("status", status);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
