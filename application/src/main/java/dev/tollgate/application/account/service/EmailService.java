package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.EmailUseCase;
import dev.tollgate.application.account.port.in.LoginThrottledException;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.account.port.out.EmailCodePort;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.common.ApiKeys;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.LogText;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.EmailErrorCode;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.command.ChangeUserPasswordCommand;
import dev.tollgate.domain.account.command.SetUserEmailCommand;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Codes are 32 letters and digits from a CSPRNG, kept only as SHA-256, valid once for 30 minutes. Reset mails go only
 * to verified addresses; at most {@value #MAX_MAILS_PER_HOUR} mails per user (and per requesting address) an hour.
 */
public class EmailService implements EmailUseCase {
    static final String VERIFY = "verify-email";
    static final String RESET = "reset-password";
    static final int MAX_MAILS_PER_HOUR = 5;
    private static final Logger log = LoggerFactory.getLogger(EmailService.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(30);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final UserDirectory users;
    private final CommandGateway commands;
    private final MailPort mail;
    private final EmailCodePort codes;
    private final PasswordHasherPort hasher;
    private final ClockPort clock;
    private final ViewFreshness freshness;
    private final Map<String, Deque<Instant>> mailsSent = new ConcurrentHashMap<>();

    public EmailService(
            UserDirectory users,
            CommandGateway commands,
            MailPort mail,
            EmailCodePort codes,
            PasswordHasherPort hasher,
            ClockPort clock,
            ViewFreshness freshness) {
        this.users = users;
        this.commands = commands;
        this.mail = mail;
        this.codes = codes;
        this.hasher = hasher;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public void setEmail(String email, Caller caller) {
        requireMail();
        String address = email == null ? null : email.trim();
        Instant now = clock.now();
        SetUserEmailCommand command =
                new SetUserEmailCommand(new UserId(caller.userId()), address, false, caller.actor(), now);
        throttle("user|" + caller.userId(), now);
        long version = commands.sendAndWait(command);
        freshness.await(caller.userId(), version, VIEW_WAIT);
        String code = newCode();
        codes.store(ApiKeys.hash(code), VERIFY, caller.userId(), address, now.plus(CODE_LIFETIME));
        mail.send(
                address,
                "Tollgate: verify your e-mail address",
                "Your verification code is:\n\n    " + code + "\n\nEnter it in Tollgate within 30 minutes "
                        + "(POST /api/v1/users/me/email/verification {\"code\": \"...\"}).\n"
                        + "If you did not ask for this, ignore this message.\n");
    }

    @Override
    public EmailView verify(String code, Caller caller) {
        requireText("code", code);
        Instant now = clock.now();
        EmailCodePort.StoredCode stored = codes.consume(ApiKeys.hash(code.trim()), VERIFY, now)
                .filter(c -> c.userId().equals(caller.userId()))
                .orElseThrow(() -> new InvalidValueException("code", "the code is not valid or has expired"));
        Optional<UserDirectory.UserEmail> current = users.emailOf(caller.userId());
        if (current.isEmpty() || !current.get().email().equals(stored.email())) {
            throw new InvalidValueException("code", "the code was sent to an address you have changed since");
        }
        long version = commands.sendAndWait(
                new SetUserEmailCommand(new UserId(caller.userId()), stored.email(), true, caller.actor(), now));
        freshness.await(caller.userId(), version, VIEW_WAIT);
        return new EmailView(stored.email(), true);
    }

    @Override
    public Optional<EmailView> emailOf(Caller caller) {
        return users.emailOf(caller.userId()).map(e -> new EmailView(e.email(), e.verified()));
    }

    @Override
    public void requestPasswordReset(String username, String clientAddress) {
        requireMail();
        requireText("username", username);
        Instant now = clock.now();
        throttle("address|" + clientAddress, now);
        Optional<UserView> user = users.findByUsername(username.trim()).filter(UserView::enabled);
        Optional<UserDirectory.UserEmail> email =
                user.flatMap(u -> users.emailOf(u.userId())).filter(UserDirectory.UserEmail::verified);
        if (email.isEmpty()) {
            log.info(
                    "password reset asked for '{}': no such user with a verified e-mail address; nothing sent",
                    LogText.safe(username.toLowerCase(Locale.ROOT)));
            return;
        }
        String userId = user.get().userId();
        try {
            throttle("user|" + userId, now);
        } catch (LoginThrottledException e) {
            return; // same answer as for anyone else: no mail
        }
        String code = newCode();
        codes.store(ApiKeys.hash(code), RESET, userId, email.get().email(), now.plus(CODE_LIFETIME));
        mail.send(
                email.get().email(),
                "Tollgate: reset your password",
                "Someone (hopefully you) asked to reset the password of the Tollgate account '"
                        + user.get().username() + "'. Your reset code is:\n\n    " + code + "\n\n"
                        + "It works once, within 30 minutes (POST /api/v1/auth/password-reset/confirm "
                        + "{\"code\": \"...\", \"newPassword\": \"...\"}). Every session of the account ends when the "
                        + "password changes.\nIf you did not ask for this, ignore this message: your password stays.\n");
    }

    @Override
    public void resetPassword(String code, String newPassword) {
        requireText("code", code);
        UserService.requireStrong(newPassword);
        Instant now = clock.now();
        EmailCodePort.StoredCode stored = codes.consume(ApiKeys.hash(code.trim()), RESET, now)
                .orElseThrow(() -> new InvalidValueException("code", "the code is not valid or has expired"));
        UserView user = users.findById(stored.userId())
                .filter(UserView::enabled)
                .orElseThrow(() -> new DomainException(AccountErrorCode.USER_NOT_FOUND, "the account is gone"));
        long version = commands.sendAndWait(new ChangeUserPasswordCommand(
                new UserId(user.userId()), hasher.hash(newPassword), "password-reset:" + user.userId(), now));
        freshness.await(user.userId(), version, VIEW_WAIT);
    }

    private void requireMail() {
        if (!mail.configured()) {
            throw new DomainException(
                    EmailErrorCode.EMAIL_NOT_CONFIGURED,
                    "e-mail is not set up on this installation (an administrator sets spring.mail.host)");
        }
    }

    private void throttle(String key, Instant now) {
        Deque<Instant> sent = mailsSent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (sent) {
            while (!sent.isEmpty() && sent.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
                sent.removeFirst();
            }
            if (sent.size() >= MAX_MAILS_PER_HOUR) {
                long wait = Math.max(
                        1,
                        Duration.between(now, sent.peekFirst().plus(Duration.ofHours(1)))
                                .toSeconds());
                throw new LoginThrottledException(wait, "too many e-mails asked for; try again in " + wait + " s");
            }
            sent.addLast(now);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, field + " is required");
        }
    }

    private static String newCode() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
