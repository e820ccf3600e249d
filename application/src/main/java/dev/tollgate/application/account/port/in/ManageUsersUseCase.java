package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;

/**
 * Users, for platform admins: ADMINs manage USERs; only ROOT makes or unmakes ADMINs; ROOT itself can be neither
 * demoted, disabled nor deleted. A disabled or deleted user's sessions end and their keys are refused.
 */
public interface ManageUsersUseCase {
    AccountView create(NewUser user, Caller caller);

    /** The users matching the filter, in registration order. */
    Page<AccountView> list(Caller caller, UserFilter filter, PageRequest page);

    /** A user; admins see anyone, a user only themselves (anyone else: not found). */
    AccountView get(String userId, Caller caller);

    AccountView update(String userId, UserChanges changes, Caller caller);

    void delete(String userId, Caller caller);

    /** Ends every session of the user at once (platform admins; an ADMIN only for USERs); their keys keep working. */
    void endSessions(String userId, Caller caller);
}
