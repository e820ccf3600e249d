package dev.tollgate.application.account.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * One-time codes sent by e-mail (verification, password reset), stored as hashes with their purpose, user, address
 * and expiry. Consuming one is atomic: a code works once, on any node.
 */
public interface EmailCodePort {
    /** A code's record. */
    record StoredCode(String userId, String email) {}

    void store(String codeHash, String purpose, String userId, String email, Instant expiresAt);

    /** Marks the code used and returns it, if it exists for that purpose, is unused and not expired at {@code now}. */
    Optional<StoredCode> consume(String codeHash, String purpose, Instant now);
}
