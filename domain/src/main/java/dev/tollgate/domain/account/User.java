package dev.tollgate.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.account.command.ChangeUserPasswordCommand;
import dev.tollgate.domain.account.command.ChangeUserRoleCommand;
import dev.tollgate.domain.account.command.ChangeUserStatusCommand;
import dev.tollgate.domain.account.command.DeleteUserCommand;
import dev.tollgate.domain.account.command.EndUserSessionsCommand;
import dev.tollgate.domain.account.command.LinkExternalIdentityCommand;
import dev.tollgate.domain.account.command.RegisterExternalUserCommand;
import dev.tollgate.domain.account.command.RegisterUserCommand;
import dev.tollgate.domain.account.command.SetUserEmailCommand;
import dev.tollgate.domain.account.command.UnlinkExternalIdentityCommand;
import dev.tollgate.domain.account.event.ExternalIdentityLinkedEvent;
import dev.tollgate.domain.account.event.ExternalIdentityUnlinkedEvent;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserEmailSetEvent;
import dev.tollgate.domain.account.event.UserPasswordChangedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.account.event.UserRoleChangedEvent;
import dev.tollgate.domain.account.event.UserSessionEndedEvent;
import dev.tollgate.domain.account.event.UserSessionsEndedEvent;
import dev.tollgate.domain.account.event.UserStatusChangedEvent;
import dev.tollgate.domain.common.DomainException;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A person (or the root operator) who signs in to the admin API. The root user can be neither demoted, disabled nor
 * deleted, and nobody else can become root. A user signs in with a password, with external identities (at most one
 * per provider), or both; they always keep at least one of them. Command handlers return the aggregate's version after
 * the change.
 */
public class User {

    @AggregateIdentifier
    private UserId userId;

    private Role role;
    private UserStatus status;
    private boolean deleted;
    private boolean hasPassword;
    private final Map<IdentityProvider, String> identities = new EnumMap<>(IdentityProvider.class);
    private long version = -1;

    protected User() {
        // for the event-sourcing repository
    }

    @CommandHandler
    public User(RegisterUserCommand command) {
        apply(new UserRegisteredEvent(
                command.userId().value(),
                command.username().value(),
                command.passwordHash(),
                command.role().name(),
                command.actor(),
                command.at(),
                command.invitedBy() == null ? null : command.invitedBy().value()));
    }

    @CommandHandler
    public User(RegisterExternalUserCommand command) {
        ExternalIdentity identity = command.identity();
        apply(new UserRegisteredEvent(
                command.userId().value(),
                command.username().value(),
                null,
                Role.USER.name(),
                identity.actor(),
                command.at()));
        apply(new ExternalIdentityLinkedEvent(
                command.userId().value(),
                identity.provider().code(),
                identity.subject(),
                identity.login(),
                identity.email(),
                identity.actor(),
                command.at()));
    }

    public Role role() {
        return role;
    }

    @CommandHandler
    public long handle(ChangeUserRoleCommand command) {
        requireExisting();
        if (role == Role.ROOT) {
            throw new DomainException(AccountErrorCode.ROOT_PROTECTED, "the root user's role cannot be changed");
        }
        if (command.role() == Role.ROOT) {
            throw new DomainException(AccountErrorCode.ROOT_PROTECTED, "there is only one root user");
        }
        if (command.role() != role) {
            apply(new UserRoleChangedEvent(userId.value(), command.role().name(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(ChangeUserStatusCommand command) {
        requireExisting();
        if (role == Role.ROOT && command.status() != UserStatus.ENABLED) {
            throw new DomainException(AccountErrorCode.ROOT_PROTECTED, "the root user cannot be disabled");
        }
        if (command.status() != status) {
            apply(new UserStatusChangedEvent(userId.value(), command.status().code(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(ChangeUserPasswordCommand command) {
        requireExisting();
        apply(new UserPasswordChangedEvent(userId.value(), command.passwordHash(), command.actor(), command.at()));
        return version;
    }

    @CommandHandler
    public long handle(EndUserSessionsCommand command) {
        requireExisting();
        if (command.sessionId() != null) {
            apply(new UserSessionEndedEvent(
                    userId.value(), command.sessionId(), command.sessionExpiresAt(), command.actor(), command.at()));
        } else {
            apply(new UserSessionsEndedEvent(userId.value(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(SetUserEmailCommand command) {
        requireExisting();
        apply(new UserEmailSetEvent(
                userId.value(), command.email(), command.verified(), command.actor(), command.at()));
        return version;
    }

    @CommandHandler
    public long handle(DeleteUserCommand command) {
        requireExisting();
        if (role == Role.ROOT) {
            throw new DomainException(AccountErrorCode.ROOT_PROTECTED, "the root user cannot be deleted");
        }
        apply(new UserDeletedEvent(userId.value(), command.actor(), command.at()));
        return version;
    }

    @CommandHandler
    public long handle(LinkExternalIdentityCommand command) {
        requireExisting();
        ExternalIdentity identity = command.identity();
        String linked = identities.get(identity.provider());
        if (identity.subject().equals(linked)) {
            return version;
        }
        if (linked != null) {
            throw new DomainException(
                    AccountErrorCode.IDENTITY_ALREADY_LINKED,
                    "another " + identity.provider().code() + " account is already linked; unlink it first");
        }
        apply(new ExternalIdentityLinkedEvent(
                userId.value(),
                identity.provider().code(),
                identity.subject(),
                identity.login(),
                identity.email(),
                command.actor(),
                command.at()));
        return version;
    }

    @CommandHandler
    public long handle(UnlinkExternalIdentityCommand command) {
        requireExisting();
        String subject = identities.get(command.provider());
        if (subject == null) {
            throw new DomainException(
                    AccountErrorCode.IDENTITY_NOT_LINKED,
                    "no " + command.provider().code() + " account is linked");
        }
        if (!hasPassword && identities.size() == 1) {
            throw new DomainException(
                    AccountErrorCode.LAST_SIGN_IN_METHOD,
                    "this is your only way to sign in: " + "set a password or link another account first");
        }
        apply(new ExternalIdentityUnlinkedEvent(
                userId.value(), command.provider().code(), subject, command.actor(), command.at()));
        return version;
    }

    private void requireExisting() {
        if (deleted) {
            throw new DomainException(AccountErrorCode.USER_NOT_FOUND, "user " + userId + " not found");
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = new UserId(event.userId());
        role = Role.valueOf(event.role());
        status = UserStatus.ENABLED;
        hasPassword = event.passwordHash() != null;
        version++;
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = Role.valueOf(event.role());
        version++;
    }

    @EventSourcingHandler
    void on(UserStatusChangedEvent event) {
        status = UserStatus.fromCode(event.status());
        version++;
    }

    @EventSourcingHandler
    void on(UserSessionEndedEvent event) {
        version++;
    }

    @EventSourcingHandler
    void on(UserSessionsEndedEvent event) {
        version++;
    }

    @EventSourcingHandler
    void on(UserPasswordChangedEvent event) {
        hasPassword = true;
        version++;
    }

    @EventSourcingHandler
    void on(ExternalIdentityLinkedEvent event) {
        identities.put(IdentityProvider.fromCode(event.provider()), event.subject());
        version++;
    }

    @EventSourcingHandler
    void on(ExternalIdentityUnlinkedEvent event) {
        identities.remove(IdentityProvider.fromCode(event.provider()));
        version++;
    }

    @EventSourcingHandler
    void on(UserEmailSetEvent event) {
        version++;
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        deleted = true;
        version++;
    }
}
