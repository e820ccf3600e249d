package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;

/** What anyone may do for themselves: register (when the registration mode allows it) and change their password. */
public interface SelfServiceUseCase {
    /** Creates a USER; refused unless the registration mode is {@code open}. */
    AccountView register(String username, String password);

    /**
     * Replaces the caller's password after checking the current one (a user registered by an external identity sets
     * their first password without one); every earlier session ends.
     */
    void changePassword(Caller caller, String currentPassword, String newPassword);

    /** The current registration mode ({@code open}, {@code invite-only}, {@code closed}). */
    String registrationMode();

    /** Sets the registration mode (platform admins only). */
    String setRegistrationMode(String mode, Caller caller);

    /**
     * Whether a session of the user is still valid: the user exists, is enabled, has the role the session was opened
     * with and has not changed their password since ({@code sessionVersion} is the one given at sign-in).
     */
    boolean sessionValid(String userId, long sessionVersion, String role);
}
