package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;

/** Platform admins list the users, in registration order, by page (with the total) or by keyset. */
public interface ListUsersUseCase {
    Page<AccountView> list(Caller caller, PageRequest page);

    /** The same users by keyset (registration time, then id), right after the cursor. */
    CursorPage<AccountView> scroll(Caller caller, CursorRequest page);
}
