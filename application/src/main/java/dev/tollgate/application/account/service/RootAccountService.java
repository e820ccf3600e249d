package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.RootAccountUseCase;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.Username;
import dev.tollgate.domain.account.command.RegisterUserCommand;
import dev.tollgate.domain.common.InvalidValueException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Creates the single root user at first start, with a configured or a generated password. */
public class RootAccountService implements RootAccountUseCase {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int MIN_PASSWORD_LENGTH = 12;

    private final UserDirectory users;
    private final PasswordHasherPort hasher;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public RootAccountService(
            UserDirectory users,
            PasswordHasherPort hasher,
            CommandGateway commands,
            ClockPort clock,
            ViewFreshness freshness) {
        this.users = users;
        this.hasher = hasher;
        this.commands = commands;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public Optional<String> ensureRootExists(String configuredPassword) {
        if (users.findById(UserId.ROOT.value()).isPresent()) {
            return Optional.empty();
        }
        boolean generate = configuredPassword == null || configuredPassword.isBlank();
        String password = generate ? randomPassword() : configuredPassword;
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidValueException(
                    "TOLLGATE_ROOT_PASSWORD",
                    "the root password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        commands.sendAndWait(new RegisterUserCommand(
                UserId.ROOT, new Username("root"), hasher.hash(password), Role.ROOT, "system", clock.now()));
        freshness.await(UserId.ROOT.value(), 0, Duration.ofSeconds(10));
        return generate ? Optional.of(password) : Optional.empty();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
