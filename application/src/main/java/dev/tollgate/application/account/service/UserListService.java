package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.AccountView;
import dev.tollgate.application.account.port.in.ListUsersUseCase;
import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;

/**
 * The list of users, read from its stored projection ({@link UserAccountsPort}), for platform admins only. The
 * projection follows the event log a few milliseconds behind the commands.
 */
public class UserListService implements ListUsersUseCase {
    private final UserAccountsPort users;

    public UserListService(UserAccountsPort users) {
        this.users = users;
    }

    @Override
    public Page<AccountView> list(Caller caller, PageRequest page) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        // the total first: a user stored between the two reads is then on the page too, never only in the total
        long total = users.count();
        return new Page<>(users.find(page.offset(), page.size()), page.page(), page.size(), total);
    }

    @Override
    public CursorPage<AccountView> scroll(Caller caller, CursorRequest page) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        return CursorPage.of(users.findAfter(page.after(), page.fetch()), page, UserAccountsPort::positionOf);
    }
}
