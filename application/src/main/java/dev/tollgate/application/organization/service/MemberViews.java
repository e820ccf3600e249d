package dev.tollgate.application.organization.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.MemberRole;

/** A member as the organisation API shows them: with their username, from the in-memory user directory. */
class MemberViews {
    static final String DELETED_USER = "(deleted user)";

    private final UserDirectory users;

    MemberViews(UserDirectory users) {
        this.users = users;
    }

    MemberView view(String userId, MemberRole role) {
        return new MemberView(userId, username(userId), role.name());
    }

    /**
     * The enabled user with this username, to add or invite.
     *
     * @throws InvalidValueException on {@code username} when there is none
     */
    UserView enabledUser(String username) {
        if (username == null || username.isBlank()) {
            throw new InvalidValueException("username", "username is required");
        }
        return users.findByUsername(username.trim())
                .filter(UserView::enabled)
                .orElseThrow(() -> new InvalidValueException("username", "there is no user '" + username + "'"));
    }

    /** The user's name, or {@value #DELETED_USER}. */
    String username(String userId) {
        return users.findById(userId).map(UserView::username).orElse(DELETED_USER);
    }
}
