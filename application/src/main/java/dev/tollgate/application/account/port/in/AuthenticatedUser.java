package dev.tollgate.application.account.port.in;

import dev.tollgate.domain.account.Role;

/**
 * A user whose password was checked.
 *
 * @param sessionVersion identifies the user's current sessions (it changes with the password): a session carrying an
 *                       older one is no longer valid
 */
public record AuthenticatedUser(String userId, String username, Role role, long sessionVersion) {
    public AuthenticatedUser(String userId, String username, Role role) {
        this(userId, username, role, 0);
    }
}
