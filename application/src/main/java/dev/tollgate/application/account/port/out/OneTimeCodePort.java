package dev.tollgate.application.account.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * One-time codes of the external sign-in (hand-off codes, link tickets, pending links), shared by every node. Only a
 * hash of each code is stored; a code is consumed at most once, even when two requests race.
 */
public interface OneTimeCodePort {
    /** What a code stands for. Identity fields are null for a hand-off code or a link ticket. */
    record Grant(String purpose, String userId, String provider, String subject, String login, String email) {}

    void save(String codeHash, Grant grant, Instant expiresAt);

    /** Removes the code and returns its grant, when it exists, has this purpose and has not expired at {@code now}. */
    Optional<Grant> consume(String codeHash, String purpose, Instant now);
}
