package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.AccountView;
import dev.tollgate.application.account.port.in.ListUsersUseCase;
import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import java.util.List;

/**
 * The list of users, read from its stored projection ({@link UserAccountsPort}), for platform admins only. The
 * projection follows the event log a few milliseconds behind the commands, so each read first lets it apply the
 * events stored before the request ({@link ReadSideCatchUpPort}): an admin sees the user they just created.
 */
public class UserListService implements ListUsersUseCase {
    private static final List<String> VIEWS = List.of(UserAccountsPort.PROCESSING_GROUP);

    private final UserAccountsPort users;
    private final ReadSideCatchUpPort catchUp;

    public UserListService(UserAccountsPort users, ReadSideCatchUpPort catchUp) {
        this.users = users;
        this.catchUp = catchUp;
    }

    @Override
    public Page<AccountView> list(Caller caller, PageRequest page) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        catchUp.awaitCurrent(VIEWS);
        // the total first: a user stored between the two reads is then on the page too, never only in the total
        long total = users.count();
        return new Page<>(users.find(page.offset(), page.size()), page.page(), page.size(), total);
    }

    @Override
    public CursorPage<AccountView> scroll(Caller caller, CursorRequest page) {
        caller.requireAdmin(UserAccess.ADMINS_ONLY);
        catchUp.awaitCurrent(VIEWS);
        return CursorPage.of(users.findAfter(page.after(), page.fetch()), page, UserAccountsPort::positionOf);
    }
}
