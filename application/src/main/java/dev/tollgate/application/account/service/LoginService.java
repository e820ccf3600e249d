package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.LoginRefusedException;
import dev.tollgate.application.account.port.in.LoginThrottledException;
import dev.tollgate.application.account.port.in.LoginUseCase;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.account.query.UserDirectory;
import dev.tollgate.application.account.query.UserView;
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
 * Password login with throttling: after {@value #MAX_FAILURES} failures within a minute for one username from one
 * address, further attempts are refused until the oldest failure is a minute old.
 */
public class LoginService implements LoginUseCase {
    static final int MAX_FAILURES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 100_000;

    private final UserDirectory users;
    private final PasswordHasherPort hasher;
    private final ClockPort clock;
    private final String dummyHash;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginService(UserDirectory users, PasswordHasherPort hasher, ClockPort clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
        this.dummyHash = hasher.hash("tollgate-timing-equaliser");
    }

    @Override
    public AuthenticatedUser login(String username, String password, String clientAddress) {
        String throttleKey = username.toLowerCase(Locale.ROOT) + "|" + clientAddress;
        Instant now = clock.now();
        Deque<Instant> recent = failures.get(throttleKey);
        if (recent != null) {
            synchronized (recent) {
                prune(recent, now);
                if (recent.size() >= MAX_FAILURES) {
                    long wait = Math.max(1, Duration.between(now, recent.peekFirst().plus(WINDOW)).toSeconds() + 1);
                    throw new LoginThrottledException(wait);
                }
            }
        }
        Optional<UserView> user = users.findByUsername(username);
        // Always run one hash comparison so that unknown users take as long as wrong passwords.
        // (a user registered by an external identity has no password until they set one: never a match)
        String hash = user.map(UserView::passwordHash).orElse(null);
        boolean matches = hasher.matches(password, hash == null ? dummyHash : hash) && hash != null;
        if (user.isEmpty() || !matches || !user.get().enabled()) {
            recordFailure(throttleKey, now);
            throw new LoginRefusedException();
        }
        failures.remove(throttleKey);
        UserView u = user.get();
        return new AuthenticatedUser(u.userId(), u.username(), u.role(), u.sessionsValidFrom().toEpochMilli());
    }

    private void recordFailure(String key, Instant now) {
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
            recent.addLast(now);
        }
    }

    private static void prune(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }
}
