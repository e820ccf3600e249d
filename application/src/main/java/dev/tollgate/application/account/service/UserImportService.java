package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.ImportUserUseCase;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.ExternalIdentity;
import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.UserStatus;
import dev.tollgate.domain.account.Username;
import dev.tollgate.domain.account.command.ChangeUserRoleCommand;
import dev.tollgate.domain.account.command.ChangeUserStatusCommand;
import dev.tollgate.domain.account.command.LinkExternalIdentityCommand;
import dev.tollgate.domain.account.command.RegisterExternalUserCommand;
import dev.tollgate.domain.account.command.RegisterUserCommand;
import dev.tollgate.domain.account.command.SetUserEmailCommand;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Registers imported users through the user aggregate's commands: the registration (with the bcrypt hash, or by their
 * first identity when they have no password), their other identities, their e-mail (unverified) and their status.
 */
public class UserImportService implements ImportUserUseCase {
    /** A bcrypt hash as one-api (Go's x/crypto/bcrypt) writes it. */
    static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private final CommandGateway commands;
    private final UserDirectory users;
    private final ClockPort clock;
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;

    public UserImportService(
            CommandGateway commands,
            UserDirectory users,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness) {
        this.freshness = freshness;
        this.commands = commands;
        this.users = users;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void check(ImportedUser user) {
        Username name = new Username(user.username());
        if (users.findByUsername(name.value()).isPresent()) {
            throw new DomainException(
                    AccountErrorCode.USERNAME_TAKEN, "the username '" + name.value() + "' is taken here");
        }
        role(user);
        List<ExternalIdentity> identities = identities(user);
        boolean hasPassword =
                user.passwordHash() != null && !user.passwordHash().isBlank();
        if (hasPassword && !BCRYPT.matcher(user.passwordHash()).matches()) {
            throw new InvalidValueException("password", "the password hash is not a bcrypt hash");
        }
        if (!hasPassword && identities.isEmpty()) {
            throw new InvalidValueException(
                    "password",
                    "no password and no identity this gateway signs in with: " + "the user could never sign in");
        }
        for (ExternalIdentity identity : identities) {
            if (users.findIdentity(identity.provider().code(), identity.subject())
                    .isPresent()) {
                throw new DomainException(
                        AccountErrorCode.IDENTITY_ALREADY_LINKED,
                        "the " + identity.provider().code() + " account is already linked to another user");
            }
        }
    }

    @Override
    public Imported importUser(ImportedUser user, String actor) {
        check(user);
        Username name = new Username(user.username());
        Role role = role(user);
        List<ExternalIdentity> identities = identities(user);
        UserId id = new UserId(ids.newId());
        Instant now = clock.now();
        List<ExternalIdentity> toLink = new ArrayList<>(identities);
        long version;
        if (user.passwordHash() != null && !user.passwordHash().isBlank()) {
            commands.sendAndWait(new RegisterUserCommand(id, name, user.passwordHash(), role, actor, now));
            version = 0;
        } else {
            commands.sendAndWait(new RegisterExternalUserCommand(id, name, toLink.removeFirst(), now));
            version = 1;
            if (role != Role.USER) {
                version = commands.sendAndWait(new ChangeUserRoleCommand(id, role, actor, now));
            }
        }
        List<String> notes = new ArrayList<>();
        for (ExternalIdentity identity : toLink) {
            try {
                version = commands.sendAndWait(new LinkExternalIdentityCommand(id, identity, actor, now));
            } catch (RuntimeException e) {
                // the user stays (it is registered): an identity held by someone else is left out and said so
                notes.add(identity.provider().code() + " account not linked: "
                        + (e instanceof DomainException || e instanceof InvalidValueException
                                ? e.getMessage()
                                : "it is linked to another user"));
            }
        }
        if (user.email() != null && !user.email().isBlank()) {
            try {
                version = commands.sendAndWait(
                        new SetUserEmailCommand(id, user.email().trim(), false, actor, now));
            } catch (DomainException | InvalidValueException e) {
                notes.add("e-mail not set: " + e.getMessage());
            }
        }
        if (!user.enabled()) {
            version = commands.sendAndWait(new ChangeUserStatusCommand(id, UserStatus.DISABLED, actor, now));
        }
        return new Imported(id.value(), notes, version);
    }

    @Override
    public void awaitVisible(Imported imported) {
        freshness.await(imported.userId(), imported.version(), VIEW_WAIT);
    }

    private static Role role(ImportedUser user) {
        if ("ADMIN".equals(user.role())) {
            return Role.ADMIN;
        }
        if (user.role() == null || "USER".equals(user.role())) {
            return Role.USER;
        }
        throw new InvalidValueException("role", "an imported user is an ADMIN or a USER");
    }

    private static List<ExternalIdentity> identities(ImportedUser user) {
        List<ExternalIdentity> out = new ArrayList<>();
        if (user.identities() != null) {
            for (Identity i : user.identities()) {
                out.add(new ExternalIdentity(IdentityProvider.fromCode(i.provider()), i.subject(), null, null));
            }
        }
        return out;
    }
}
