package dev.tollgate.adapter.in.web.security;

import dev.tollgate.application.account.port.in.LoginThrottledException;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes (Spring Security's recommended parameters: 16 MiB of memory per hash). At most
 * {@code tollgate.auth.max-concurrent-hashes} hashes run at once (default: twice the processors, at least 2), so a
 * flood of logins cannot exhaust memory; a hash that finds no free slot within {@value #WAIT_MILLIS} ms is refused
 * (429 with {@code Retry-After: 1}). A bcrypt hash (brought in by a one-api import) is checked as bcrypt and reported
 * as needing a rehash, so that the first successful sign-in replaces it.
 */
@Component
public class Argon2PasswordHasher implements PasswordHasherPort {
    static final long WAIT_MILLIS = 2_000;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Semaphore slots;
    private final Duration wait;

    @Autowired
    public Argon2PasswordHasher(AuthProperties auth) {
        this(
                auth.maxConcurrentHashes() > 0
                        ? auth.maxConcurrentHashes()
                        : Math.max(2, 2 * Runtime.getRuntime().availableProcessors()),
                Duration.ofMillis(WAIT_MILLIS));
    }

    Argon2PasswordHasher(int maxConcurrentHashes, Duration wait) {
        this.slots = new Semaphore(maxConcurrentHashes, true);
        this.wait = wait;
    }

    @Override
    public String hash(String rawPassword) {
        acquire();
        try {
            return encoder.encode(rawPassword);
        } finally {
            slots.release();
        }
    }

    @Override
    public boolean matches(String rawPassword, String hash) {
        acquire();
        try {
            return isBcrypt(hash) ? bcrypt.matches(rawPassword, hash) : encoder.matches(rawPassword, hash);
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        try {
            if (slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LoginThrottledException(1, "the server is busy checking passwords; try again in a second");
    }

    @Override
    public boolean needsRehash(String hash) {
        return isBcrypt(hash);
    }

    private static boolean isBcrypt(String hash) {
        return hash != null && hash.startsWith("$2");
    }
}
