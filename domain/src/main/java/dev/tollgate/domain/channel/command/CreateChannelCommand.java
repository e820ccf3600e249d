package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.channel.ChannelSettings;
import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a channel. The upstream keys are stored encrypted outside the event log before this command is sent;
 * the command carries only their masked forms.
 *
 * @param organizationId the organisation a private channel (bring your own key) belongs to, or {@code null} for a
 *                       platform channel
 */
public record CreateChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        ChannelSettings settings,
        List<String> maskedKeys,
        String actor,
        Instant at,
        OrganizationId organizationId) {

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

    /** A platform channel. */
    public CreateChannelCommand(
            ChannelId channelId, ChannelSettings settings, List<String> maskedKeys, String actor, Instant at) {
        this(channelId, settings, maskedKeys, actor, at, null);
    }
}
