package dev.tollgate.adapter.in.web.security;

import dev.tollgate.application.account.port.out.PasswordHasherPort;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes (Spring Security's recommended parameters). A bcrypt hash (brought in by a one-api import)
 * is checked as bcrypt and reported as needing a rehash, so that the first successful sign-in replaces it.
 */
@Component
public class Argon2PasswordHasher implements PasswordHasherPort {
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    @Override
    public String hash(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(String rawPassword, String hash) {
        if (isBcrypt(hash)) {
            return bcrypt.matches(rawPassword, hash);
        }
        return encoder.matches(rawPassword, hash);
    }

    @Override
    public boolean needsRehash(String hash) {
        return isBcrypt(hash);
    }

    private static boolean isBcrypt(String hash) {
        return hash != null && hash.startsWith("$2");
    }
}
