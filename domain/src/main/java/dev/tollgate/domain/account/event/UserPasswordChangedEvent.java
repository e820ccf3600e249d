package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A user's password was replaced ({@code passwordHash} is an Argon2id hash, never a clear password); every session
 * signed in before {@code at} ends.
 */
@Revision("1")
public record UserPasswordChangedEvent(String userId, String passwordHash, String actor, Instant at)
        implements UserEvent {
    @Override
    public String toString() {
        return "UserPasswordChangedEvent[userId=" + userId + ", actor=" + actor + ", at=" + at + "]";
    }
}
