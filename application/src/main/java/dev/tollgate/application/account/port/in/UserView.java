package dev.tollgate.application.account.port.in;

import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserStatus;
import java.time.Instant;

/**
 * A user as the admin API and the login see them. {@code passwordHash} never leaves the application.
 *
 * @param sessionsValidFrom sessions (access tokens) issued before this instant are no longer valid (the last
 *                          password change)
 */
public record UserView(
        String userId,
        String username,
        Role role,
        String passwordHash,
        Instant registeredAt,
        UserStatus status,
        Instant sessionsValidFrom) {
    public boolean enabled() {
        return status == UserStatus.ENABLED;
    }

    @Override
    public String toString() {
        return "UserView[userId=" + userId + ", username=" + username + ", role=" + role + ", status=" + status + "]";
    }
}
