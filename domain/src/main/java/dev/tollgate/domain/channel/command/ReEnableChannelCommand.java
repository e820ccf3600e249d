package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put an automatically disabled channel back in service after a successful probe. */
public record ReEnableChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId, String reason, Instant at) {
    public ReEnableChannelCommand {
        Checks.requireNonNull("channelId", channelId);
        Checks.requireText("reason", reason, 500);
        Checks.requireNonNull("at", at);
    }
}
