package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import java.time.Instant;

/** What anyone may do for themselves: register (when the registration mode allows it) and change their password. */
public interface SelfServiceUseCase {
    /**
     * Creates a USER. Refused when registration is {@code closed}, and in {@code invite-only} mode without an invite
     * code; an unknown invite code → 400 and nothing is created. With a valid code the new user gets the invitee
     * bonus and the code's owner is rewarded (at sign-up or at the new user's first top-up).
     *
     * @param inviteCode the code of the user who invited them, or null
     */
    AccountView register(String username, String password, String inviteCode);

    /**
     * Registers with an organisation's e-mailed invitation code as well (or instead of an invite code): a valid one
     * opens invite-only registration, and the new user joins that organisation with the invited role.
     */
    AccountView register(String username, String password, String inviteCode, String organizationInvitation);

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

    /** Whether the session (a bearer token's {@code jti}) was ended by a logout. */
    boolean sessionEnded(String sessionId);

    /** Ends the caller's session {@code sessionId} (a logout); it would have expired at {@code expiresAt}. */
    void logout(Caller caller, String sessionId, Instant expiresAt);
}
