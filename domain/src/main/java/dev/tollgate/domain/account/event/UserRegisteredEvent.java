package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A user was registered. {@code passwordHash} is an Argon2id hash, never a clear password; null for a user registered
 * by their first sign-in with an external identity (they set a password later, if ever).
 */
@Revision("1")
public record UserRegisteredEvent(String userId, String username, String passwordHash, String role, String actor,
        Instant at) implements UserEvent {
}
