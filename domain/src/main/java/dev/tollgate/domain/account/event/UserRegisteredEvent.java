package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A user was registered. {@code passwordHash} is an Argon2id hash, never a clear password; null for a user registered
 * by their first sign-in with an external identity (they set a password later, if ever). {@code invitedBy} is the
 * user whose invite code the new user signed up with, or null (revision 1 events have none: they read as null).
 */
@Revision("2")
public record UserRegisteredEvent(
        String userId, String username, String passwordHash, String role, String actor, Instant at, String invitedBy)
        implements UserEvent {
    /** A registration without an invitation. */
    public UserRegisteredEvent(
            String userId, String username, String passwordHash, String role, String actor, Instant at) {
        this(userId, username, passwordHash, role, actor, at, null);
    }

    @Override
    public String toString() {
        return "UserRegisteredEvent[userId=" + userId + ", username=" + username + ", role=" + role + ", actor=" + actor
                + ", at=" + at + ", invitedBy=" + invitedBy + "]";
    }
}
