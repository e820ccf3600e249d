package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take an enabled channel out of service because its upstream rejected its credentials or balance. */
public record AutoDisableChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId, String reason, Instant at) {
    public AutoDisableChannelCommand {
        Checks.requireNonNull("channelId", channelId);
        Checks.requireText("reason", reason, 500);
        Checks.requireNonNull("at", at);
    }
}
