package dev.tollgate.application.account.query;

import dev.tollgate.domain.account.Role;
import java.time.Instant;

/** A user as the admin API and the login see them. {@code passwordHash} never leaves the application. */
public record UserView(String userId, String username, Role role, String passwordHash, Instant registeredAt) {
    @Override
    public String toString() {
        return "UserView[userId=" + userId + ", username=" + username + ", role=" + role + "]";
    }
}
