package dev.tollgate.domain.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.channel.command.AutoDisableChannelCommand;
import dev.tollgate.domain.channel.command.ChangeChannelStatusCommand;
import dev.tollgate.domain.channel.command.CreateChannelCommand;
import dev.tollgate.domain.channel.command.DeleteChannelCommand;
import dev.tollgate.domain.channel.command.ReEnableChannelCommand;
import dev.tollgate.domain.channel.command.UpdateChannelCommand;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An upstream provider account. Command handlers return the aggregate's version after the change (the sequence
 * number of the last event), so a caller can wait until the read views have seen it.
 */
public class Channel {

    @AggregateIdentifier
    private ChannelId channelId;

    private ChannelStatus status;
    /** The organisation of a private channel; null for a platform channel. */
    private String organizationId;

    private boolean deleted;
    /** Where the channel's keys are sent ({@link ChannelSettings#origin()}); a change of it needs the keys again. */
    private String origin;

    private long version = -1;

    protected Channel() {
        // for the event-sourcing repository
    }

    @CommandHandler
    public Channel(CreateChannelCommand command) {
        ChannelSettings s = command.settings();
        String organization = command.organizationId() == null
                ? null
                : command.organizationId().value();
        apply(new ChannelCreatedEvent(
                command.channelId().value(),
                s.name(),
                s.type().code(),
                s.baseUrl(),
                command.maskedKeys(),
                s.models(),
                s.modelMapping(),
                groups(s, organization),
                s.priority(),
                s.weight(),
                s.maxConcurrency(),
                s.options(),
                command.actor(),
                command.at(),
                organization));
    }

    @CommandHandler
    public long handle(UpdateChannelCommand command) {
        requireNotDeleted();
        ChannelSettings s = command.settings();
        if (command.maskedKeys() == null && origin != null && !origin.equals(s.origin())) {
            // otherwise whoever may edit the channel sends its stored keys to a server of their choice
            throw new InvalidValueException(
                    "keys",
                    "changing the channel's host (" + s.origin() + ") requires its "
                            + "keys again: send \"keys\" with the new baseUrl");
        }
        apply(new ChannelUpdatedEvent(
                channelId.value(),
                s.name(),
                s.baseUrl(),
                command.maskedKeys(),
                s.models(),
                s.modelMapping(),
                groups(s, organizationId),
                s.priority(),
                s.weight(),
                s.maxConcurrency(),
                s.options(),
                command.actor(),
                command.at()));
        return version;
    }

    @CommandHandler
    public long handle(ChangeChannelStatusCommand command) {
        requireNotDeleted();
        if (command.status() != status) {
            apply(new ChannelStatusChangedEvent(
                    channelId.value(), command.status().code(), command.reason(), command.actor(), command.at()));
        }
        return version;
    }

    /** Only an enabled channel is taken out of service: an administrator's decision is never overridden. */
    @CommandHandler
    public long handle(AutoDisableChannelCommand command) {
        if (!deleted && status == ChannelStatus.ENABLED) {
            apply(new ChannelAutoDisabledEvent(channelId.value(), command.reason(), command.at()));
        }
        return version;
    }

    /** Only a channel Tollgate disabled itself is re-enabled by a probe; one an administrator disabled stays off. */
    @CommandHandler
    public long handle(ReEnableChannelCommand command) {
        if (!deleted && status == ChannelStatus.AUTO_DISABLED) {
            apply(new ChannelReEnabledEvent(channelId.value(), command.reason(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(DeleteChannelCommand command) {
        requireNotDeleted();
        apply(new ChannelDeletedEvent(channelId.value(), command.actor(), command.at()));
        return version;
    }

    /**
     * A private channel has no routing groups: it serves every key of its organisation, whatever the key's group
     * (and nobody else's), so groups are never recorded for it.
     */
    private static List<String> groups(ChannelSettings settings, String organization) {
        return organization == null ? settings.groups() : List.of();
    }

    public long version() {
        return version;
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw new DomainException(ChannelErrorCode.CHANNEL_DELETED, "channel " + channelId + " was deleted");
        }
    }

    @EventSourcingHandler
    void on(ChannelCreatedEvent event) {
        channelId = new ChannelId(event.channelId());
        organizationId = event.organizationId();
        origin = ChannelSettings.originOf(event.baseUrl());
        status = ChannelStatus.ENABLED;
        version++;
    }

    @EventSourcingHandler
    void on(ChannelUpdatedEvent event) {
        origin = ChannelSettings.originOf(event.baseUrl());
        version++;
    }

    @EventSourcingHandler
    void on(ChannelStatusChangedEvent event) {
        status = ChannelStatus.fromCode(event.status());
        version++;
    }

    @EventSourcingHandler
    void on(ChannelAutoDisabledEvent event) {
        status = ChannelStatus.AUTO_DISABLED;
        version++;
    }

    @EventSourcingHandler
    void on(ChannelReEnabledEvent event) {
        status = ChannelStatus.ENABLED;
        version++;
    }

    @EventSourcingHandler
    void on(ChannelDeletedEvent event) {
        deleted = true;
        version++;
    }
}
