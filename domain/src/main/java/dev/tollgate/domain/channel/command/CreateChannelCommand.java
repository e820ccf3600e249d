package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.channel.ChannelSettings;
import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a channel. The upstream keys are stored encrypted outside the event log before this command is sent;
 * the command carries only their masked forms.
 */
public record CreateChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        ChannelSettings settings,
        List<String> maskedKeys,
        String actor,
        Instant at) {

    public CreateChannelCommand {
        Checks.requireNonNull("channelId", channelId);
        Checks.requireNonNull("settings", settings);
        maskedKeys = List.copyOf(Checks.requireNonNull("keys", maskedKeys));
        if (maskedKeys.isEmpty()) {
            throw new InvalidValueException("keys", "a channel needs at least one upstream key");
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
