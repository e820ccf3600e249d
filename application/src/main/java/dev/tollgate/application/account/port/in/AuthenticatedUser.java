package dev.tollgate.application.account.port.in;

import dev.tollgate.domain.account.Role;

/** A user whose password was checked. */
public record AuthenticatedUser(String userId, String username, Role role) {
}
