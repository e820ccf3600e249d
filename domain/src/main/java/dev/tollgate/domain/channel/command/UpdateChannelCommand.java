package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.channel.ChannelSettings;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a channel's settings.
 *
 * @param maskedKeys the masked new keys when the keys were replaced, or {@code null} when they were kept
 */
public record UpdateChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        ChannelSettings settings,
        List<String> maskedKeys,
        String actor,
        Instant at) {

    public UpdateChannelCommand {
        Checks.requireNonNull("channelId", channelId);
        Checks.requireNonNull("settings", settings);
        maskedKeys = maskedKeys == null ? null : List.copyOf(maskedKeys);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
