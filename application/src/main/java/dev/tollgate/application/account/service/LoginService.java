package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.LoginRefusedException;
import dev.tollgate.application.account.port.in.LoginThrottledException;
import dev.tollgate.application.account.port.in.LoginUseCase;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.common.port.out.ClockPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Password login with throttling, each within a minute: after {@value #MAX_FAILURES} failures for one username from
 * one address, after {@value #MAX_FAILURES_PER_ADDRESS} failures from one address whatever the usernames (password
 * spraying), and after {@value #MAX_FAILURES_PER_USER} failures for one username from any addresses (distributed
 * guessing), further attempts of that kind are refused until the oldest failure is a minute old. The per-user limit
 * is high on purpose: anyone can fail on a username, so a low one would let strangers lock its owner out.
 */
public class LoginService implements LoginUseCase {
    static final int MAX_FAILURES = 10;
    static final int MAX_FAILURES_PER_ADDRESS = 30;
    static final int MAX_FAILURES_PER_USER = 50;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 100_000;

    private final UserDirectory users;
    private final PasswordHasherPort hasher;
    private final ClockPort clock;
    private final String dummyHash;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    private final LegacyPasswordUpgrade upgrade;

    public LoginService(UserDirectory users, PasswordHasherPort hasher, ClockPort clock) {
        this(users, hasher, clock, null);
    }

    /** With {@code upgrade}: an imported (bcrypt) hash is replaced by this hasher's own at a successful sign-in. */
    public LoginService(
            UserDirectory users, PasswordHasherPort hasher, ClockPort clock, LegacyPasswordUpgrade upgrade) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
        this.upgrade = upgrade;
        this.dummyHash = hasher.hash("tollgate-timing-equaliser");
    }

    @Override
    public AuthenticatedUser login(String username, String password, String clientAddress) {
        String name = username.toLowerCase(Locale.ROOT);
        String throttleKey = "pair|" + name + "|" + clientAddress;
        String addressKey = "address|" + clientAddress;
        String userKey = "user|" + name;
        Instant now = clock.now();
        // each attempt counts as a failure from its start (taken atomically with the check), so that a burst of
        // concurrent guesses cannot all pass the check before the first of them is recorded as failed
        takeAttempt(throttleKey, MAX_FAILURES, now);
        try {
            takeAttempt(addressKey, MAX_FAILURES_PER_ADDRESS, now);
        } catch (LoginThrottledException e) {
            giveBack(throttleKey, now);
            throw e;
        }
        try {
            takeAttempt(userKey, MAX_FAILURES_PER_USER, now);
        } catch (LoginThrottledException e) {
            giveBack(throttleKey, now);
            giveBack(addressKey, now);
            throw e;
        }
        Optional<UserView> user = users.findByUsername(username);
        // Always run one hash comparison so that unknown users take as long as wrong passwords.
        // (a user registered by an external identity has no password until they set one: never a match)
        String hash = user.map(UserView::passwordHash).orElse(null);
        boolean matches = hasher.matches(password, hash == null ? dummyHash : hash) && hash != null;
        if (user.isEmpty() || !matches || !user.get().enabled()) {
            throw new LoginRefusedException(); // the attempt stays counted as a failure
        }
        failures.remove(throttleKey);
        giveBack(addressKey, now);
        giveBack(userKey, now);
        UserView u = user.get();
        if (upgrade != null && hasher.needsRehash(hash)) {
            u = upgrade.rehash(u, password);
        }
        return new AuthenticatedUser(
                u.userId(), u.username(), u.role(), u.sessionsValidFrom().toEpochMilli());
    }

    /** Counts an attempt under {@code key}, or refuses it when {@code limit} attempts are already counted. */
    private void takeAttempt(String key, int limit, Instant now) {
        if (failures.size() > MAX_TRACKED) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent, now);
            if (recent.size() >= limit) {
                long wait = Math.max(
                        1,
                        Duration.between(now, recent.peekFirst().plus(WINDOW)).toSeconds() + 1);
                throw new LoginThrottledException(wait);
            }
            recent.addLast(now);
        }
    }

    /** Uncounts an attempt that succeeded (or was refused by another limit). */
    private void giveBack(String key, Instant now) {
        Deque<Instant> recent = failures.get(key);
        if (recent != null) {
            synchronized (recent) {
                recent.removeLastOccurrence(now);
            }
        }
    }

    private static void prune(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }
}
