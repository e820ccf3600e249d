package dev.tollgate.application.organization.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.command.CreateOrganizationCommand;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every user has a personal organisation ({@code personal-<userId>}, named after the user), however the user came to
 * be (created by an admin, self-registered, signed in with an external identity, the root operator) and also for
 * users from before organisations existed: every registration seen in the event log is queued, and a worker thread,
 * outside the event processor, creates the organisations that do not exist yet (a second creation of the same id is
 * refused by the event store and ignored).
 */
public class PersonalOrganizations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PersonalOrganizations.class);

    private final LinkedBlockingQueue<UserRegisteredEvent> pending = new LinkedBlockingQueue<>();
    private final CommandGateway commands;
    private final OrganizationDirectory organizations;
    private final UserDirectory users;
    private final ClockPort clock;
    private volatile Thread worker;

    public PersonalOrganizations(
            CommandGateway commands, OrganizationDirectory organizations, UserDirectory users, ClockPort clock) {
        this.commands = commands;
        this.organizations = organizations;
        this.users = users;
        this.clock = clock;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        pending.add(event);
    }

    /** Starts the worker (once the views have caught up, so that existing organisations are known). */
    public synchronized void start() {
        if (worker == null) {
            worker = Thread.ofVirtual().name("personal-organizations").start(this::run);
        }
    }

    /** Registrations not handled yet. */
    public int pending() {
        return pending.size();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            UserRegisteredEvent e;
            try {
                e = pending.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            if (e == null) {
                continue;
            }
            OrganizationId id = OrganizationId.personalOf(e.userId());
            if (organizations.find(id.value()).isPresent() || !userExists(e.userId())) {
                continue;
            }
            try {
                commands.sendAndWait(
                        new CreateOrganizationCommand(id, e.username(), e.userId(), true, "system", clock.now()));
            } catch (RuntimeException ex) {
                // already created (by another node, or before the view knew): the store refused the duplicate
                log.debug("personal organisation of {} not created: {}", e.userId(), ex.toString());
            }
        }
    }

    /**
     * Whether the user still exists: the registration says they did, so only a deletion since counts (the user view,
     * fed by the same processor, may not have applied the registration yet; at start the worker begins only once the
     * views caught up, so users deleted long ago are known as deleted).
     */
    private boolean userExists(String userId) {
        return !users.deleted(userId);
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.interrupt();
            worker = null;
        }
    }
}
