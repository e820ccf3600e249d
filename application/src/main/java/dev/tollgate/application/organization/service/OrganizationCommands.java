package dev.tollgate.application.organization.service;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.organization.command.CreateOrganizationCommand;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Sends an organisation's commands and waits until the in-memory organisation view has applied them, so that the
 * answer (and the caller's next request) sees the change.
 */
class OrganizationCommands {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final ViewFreshness freshness;

    OrganizationCommands(CommandGateway commands, ViewFreshness freshness) {
        this.commands = commands;
        this.freshness = freshness;
    }

    /** Creates an organisation and waits for its first version in the view. */
    void create(CreateOrganizationCommand command) {
        commands.sendAndWait(command);
        freshness.await(command.id().value(), 0, VIEW_WAIT);
    }

    /** Sends a command to organisation {@code id} and waits for the version it made. */
    void send(String id, Object command) {
        long version = commands.sendAndWait(command);
        freshness.await(id, version, VIEW_WAIT);
    }
}
