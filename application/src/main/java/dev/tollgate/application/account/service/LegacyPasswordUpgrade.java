package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.command.ChangeUserPasswordCommand;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Replaces an imported (bcrypt) password hash by this gateway's own, once the user has just proved the password: a
 * {@code UserPasswordChangedEvent} by the user. The answer is the user as seen after the change, so that the session
 * being opened belongs to the new password's version.
 */
public class LegacyPasswordUpgrade {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final UserDirectory users;
    private final PasswordHasherPort hasher;
    private final ClockPort clock;
    private final ViewFreshness freshness;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LegacyPasswordUpgrade(
            CommandGateway commands,
            UserDirectory users,
            PasswordHasherPort hasher,
            ClockPort clock,
            ViewFreshness freshness) {
        this.commands = commands;
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
        this.freshness = freshness;
    }

    /**
     * Two first sign-ins at once replace the hash once: the second finds it replaced (and its session belongs to the
     * new version, like the first's).
     */
    UserView rehash(UserView user, String password) {
        synchronized (locks.computeIfAbsent(user.userId(), id -> new Object())) {
            try {
                UserView current = users.findById(user.userId()).orElse(user);
                if (!hasher.needsRehash(current.passwordHash())) {
                    return current;
                }
                long version = commands.sendAndWait(new ChangeUserPasswordCommand(
                        new UserId(user.userId()), hasher.hash(password), "user:" + user.userId(), clock.now()));
                freshness.await(user.userId(), version, VIEW_WAIT);
                return users.findById(user.userId()).orElse(user);
            } finally {
                locks.remove(user.userId());
            }
        }
    }
}
