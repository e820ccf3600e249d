package dev.tollgate.application.account.service;

import static dev.tollgate.application.account.service.UserAccess.requireRoot;

import dev.tollgate.application.account.port.in.AccountView;
import dev.tollgate.application.account.port.in.ManageUsersUseCase;
import dev.tollgate.application.account.port.in.NewUser;
import dev.tollgate.application.account.port.in.RoleOrder;
import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.account.port.in.UserChanges;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserFilter;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.account.port.out.InviteRewardPort;
import dev.tollgate.application.account.port.out.OrganizationInvitationPort;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.account.port.out.SignUpBonusPort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.RegistrationMode;
import dev.tollgate.domain.account.RegistrationPolicy;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.UserStatus;
import dev.tollgate.domain.account.Username;
import dev.tollgate.domain.account.command.ChangeUserPasswordCommand;
import dev.tollgate.domain.account.command.ChangeUserRoleCommand;
import dev.tollgate.domain.account.command.ChangeUserStatusCommand;
import dev.tollgate.domain.account.command.DeleteUserCommand;
import dev.tollgate.domain.account.command.EndUserSessionsCommand;
import dev.tollgate.domain.account.command.RegisterUserCommand;
import dev.tollgate.domain.account.command.SetRegistrationModeCommand;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.command.CreditWalletCommand;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.LoggerFactory;

/** User administration and self-service. Passwords are hashed here; clear passwords never reach an event. */
public class UserService implements ManageUsersUseCase, SelfServiceUseCase {
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final UserDirectory users;
    private final UserAccess access;
    private final PasswordHasherPort hasher;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;
    private final SignUpBonusPort incentives;
    private final InviteRewardPort invites;
    private final OrganizationInvitationPort organizations;

    public UserService(
            UserDirectory users,
            PasswordHasherPort hasher,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            SignUpBonusPort incentives,
            InviteRewardPort invites,
            OrganizationInvitationPort organizations) {
        this.organizations = organizations;
        this.incentives = incentives;
        this.invites = invites;
        this.users = users;
        this.access = new UserAccess(users);
        this.hasher = hasher;
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
    }

    @Override
    public AccountView create(NewUser request, Caller caller) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        Role role = request.role() == null ? Role.USER : parseRole(request.role());
        if (role == Role.ROOT) {
            throw new DomainException(AccountErrorCode.ROOT_PROTECTED, "there is only one root user");
        }
        if (role == Role.ADMIN) {
            requireRoot(caller, "only the root user may create admins");
        }
        return register(request.username(), request.password(), role, caller.actor(), null);
    }

    @Override
    public Page<AccountView> list(Caller caller, UserFilter filter, PageRequest page) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        return Page.of(
                users.all().stream()
                        .map(UserService::view)
                        .filter(filter::matches)
                        .toList(),
                page);
    }

    @Override
    public AccountView get(String userId, Caller caller) {
        return view(access.visible(userId, caller));
    }

    @Override
    public AccountView update(String userId, UserChanges changes, Caller caller) {
        UserView target = access.manageable(userId, caller);
        long version = -1;
        if (changes.role() != null) {
            Role role = parseRole(changes.role());
            if (role == Role.ADMIN || target.role() == Role.ADMIN) {
                requireRoot(caller, "only the root user may make or unmake admins");
            }
            version = commands.sendAndWait(
                    new ChangeUserRoleCommand(new UserId(userId), role, caller.actor(), clock.now()));
        }
        if (changes.status() != null) {
            if (userId.equals(caller.userId()) && UserStatus.fromCode(changes.status()) == UserStatus.DISABLED) {
                throw new InvalidValueException("status", "you cannot disable yourself");
            }
            version = commands.sendAndWait(new ChangeUserStatusCommand(
                    new UserId(userId), UserStatus.fromCode(changes.status()), caller.actor(), clock.now()));
        }
        freshness.await(userId, version, VIEW_WAIT);
        return get(userId, caller);
    }

    @Override
    public void delete(String userId, Caller caller) {
        access.manageable(userId, caller);
        if (userId.equals(caller.userId())) {
            throw new InvalidValueException("userId", "you cannot delete yourself");
        }
        long version = commands.sendAndWait(new DeleteUserCommand(new UserId(userId), caller.actor(), clock.now()));
        freshness.await(userId, version, VIEW_WAIT);
    }

    @Override
    public void endSessions(String userId, Caller caller) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        UserView target = access.visible(userId, caller);
        new RoleOrder(users).requireMayActOn(target.userId(), caller, "sessions");
        long version = commands.sendAndWait(
                new EndUserSessionsCommand(new UserId(userId), null, null, caller.actor(), clock.now()));
        freshness.await(userId, version, VIEW_WAIT);
    }

    @Override
    public boolean sessionEnded(String sessionId) {
        return users.sessionEnded(sessionId);
    }

    @Override
    public void logout(Caller caller, String sessionId, Instant expiresAt) {
        long version = commands.sendAndWait(new EndUserSessionsCommand(
                new UserId(caller.userId()), sessionId, expiresAt, caller.actor(), clock.now()));
        freshness.await(caller.userId(), version, VIEW_WAIT);
    }

    @Override
    public AccountView register(String username, String password, String inviteCode) {
        return register(username, password, inviteCode, null);
    }

    @Override
    public AccountView register(String username, String password, String inviteCode, String organizationInvitation) {
        boolean toOrganization = organizationInvitation != null && !organizationInvitation.isBlank();
        if (toOrganization && !organizations.invitationCodeValid(organizationInvitation)) {
            throw new InvalidValueException(
                    "organizationInvitation", "this invitation code is not valid (used, withdrawn or expired)");
        }
        AccountView created = register(username, password, inviteCode, toOrganization);
        if (toOrganization) {
            try {
                organizations.acceptInvitationCode(organizationInvitation, new Caller(created.id(), false));
            } catch (DomainException e) {
                // checked above; another registration used it in the meantime: the account stays, without it
                LoggerFactory.getLogger(UserService.class)
                        .info("user {} registered with an organisation invitation used in the meantime", created.id());
            }
        }
        return created;
    }

    private AccountView register(String username, String password, String inviteCode, boolean organizationInvited) {
        RegistrationMode mode = users.registrationMode();
        boolean invited = inviteCode != null && !inviteCode.isBlank();
        if (mode == RegistrationMode.CLOSED) {
            throw new DomainException(
                    AccountErrorCode.REGISTRATION_CLOSED,
                    "registration is closed; ask an administrator for an account");
        }
        if (mode == RegistrationMode.INVITE_ONLY && !invited && !organizationInvited) {
            throw new DomainException(
                    AccountErrorCode.REGISTRATION_CLOSED,
                    "registration needs an invitation: give the inviteCode of a member");
        }
        UserId inviter = invited ? invites.inviterFor(inviteCode) : null;
        AccountView created = register(username, password, Role.USER, "self", inviter);
        if (inviter != null) {
            invites.invitedUserRegistered(created.id());
        }
        long bonus = incentives.signupBonus();
        if (bonus > 0) {
            String walletId = Wallet.idOf(created.id());
            long version = commands.sendAndWait(
                    new CreditWalletCommand(walletId, bonus, "incentive", "sign-up bonus", "system", clock.now()));
            freshness.await(walletId, version, VIEW_WAIT);
        }
        return created;
    }

    @Override
    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        UserView me = users.findById(caller.userId())
                .orElseThrow(() -> new NotFoundException(
                        AccountErrorCode.USER_NOT_FOUND, "user " + caller.userId() + " not found"));
        // a user registered by an external identity has no password yet: their first one needs no current one
        if (me.passwordHash() != null
                && (currentPassword == null || !hasher.matches(currentPassword, me.passwordHash()))) {
            throw new DomainException(AccountErrorCode.WRONG_PASSWORD, "the current password is wrong");
        }
        requireStrong(newPassword);
        long version = commands.sendAndWait(new ChangeUserPasswordCommand(
                new UserId(me.userId()), hasher.hash(newPassword), caller.actor(), clock.now()));
        freshness.await(me.userId(), version, VIEW_WAIT);
    }

    @Override
    public String registrationMode() {
        return users.registrationMode().code();
    }

    @Override
    public String setRegistrationMode(String mode, Caller caller) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        if (mode == null) {
            throw new InvalidValueException("mode", "mode is required: 'open', 'invite-only' or 'closed'");
        }
        long version = commands.sendAndWait(new SetRegistrationModeCommand(
                RegistrationPolicy.ID, RegistrationMode.fromCode(mode), caller.actor(), clock.now()));
        freshness.await(RegistrationPolicy.ID, version, VIEW_WAIT);
        return registrationMode();
    }

    @Override
    public boolean sessionValid(String userId, long sessionVersion, String role) {
        return users.findById(userId)
                .filter(UserView::enabled)
                .filter(u -> u.role().name().equals(role))
                .filter(u -> u.sessionsValidFrom().toEpochMilli() == sessionVersion)
                .isPresent();
    }

    private AccountView register(String username, String password, Role role, String actor, UserId invitedBy) {
        Username name = new Username(username);
        requireStrong(password);
        if (users.findByUsername(name.value()).isPresent()) {
            throw new DomainException(AccountErrorCode.USERNAME_TAKEN, "the username '" + name.value() + "' is taken");
        }
        String id = ids.newId();
        // the username's claim is inserted in the same transaction as the event: a racing twin is refused (409)
        commands.sendAndWait(new RegisterUserCommand(
                new UserId(id), name, hasher.hash(password), role, actor, clock.now(), invitedBy));
        freshness.await(id, 0, VIEW_WAIT);
        return view(users.findById(id).orElseThrow());
    }

    static void requireStrong(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            throw new InvalidValueException(
                    "password", "a password must be " + MIN_PASSWORD_LENGTH + " to 200 characters");
        }
    }

    private static Role parseRole(String role) {
        try {
            return Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("role", "role must be 'ADMIN' or 'USER'");
        }
    }

    private static AccountView view(UserView u) {
        return new AccountView(
                u.userId(), u.username(), u.role().name(), u.status().code(), u.registeredAt());
    }
}
