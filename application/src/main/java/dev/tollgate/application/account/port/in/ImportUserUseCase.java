package dev.tollgate.application.account.port.in;

import java.util.List;

/**
 * Users brought in from another gateway (a one-api import), with the password hash they have there (bcrypt: accepted
 * at sign-in and replaced by Tollgate's own hash on the first successful one), their e-mail address and their
 * external identities. For imports only: the caller is the import, which has checked its rights.
 */
public interface ImportUserUseCase {
    /** Refuses (as {@link #importUser} would) a user that cannot be imported; changes nothing. */
    void check(ImportedUser user);

    /**
     * Registers the user; returns the new user's id and what could not come across with them. The user views may
     * show the user a little later: {@link #awaitVisible} waits for it (for the last of a series, once).
     */
    Imported importUser(ImportedUser user, String actor);

    /** Waits (a few seconds at most) until the views show the imported user, and every user imported before. */
    void awaitVisible(Imported imported);

    /**
     * @param passwordHash a bcrypt hash ({@code $2a$…}), or null for a user who signs in only with an identity
     * @param role         {@code ADMIN} or {@code USER}
     * @param identities   provider code ({@code feishu}, {@code oidc}, {@code github}) → the provider's subject
     */
    record ImportedUser(
            String username,
            String passwordHash,
            String role,
            boolean enabled,
            String email,
            List<Identity> identities) {
        @Override
        public String toString() {
            return "ImportedUser[username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
        }
    }

    record Identity(String provider, String subject) {}

    /**
     * The new user's id, notes on what did not come across (an e-mail taken by someone else, …) and the user's
     * version after the import.
     */
    record Imported(String userId, List<String> notes, long version) {}
}
