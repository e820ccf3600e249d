package dev.tollgate.application.account.port.out;

import dev.tollgate.application.account.port.in.AccountView;
import dev.tollgate.application.common.Cursor;
import java.util.List;

/** The stored list of users (a projection of the users' events), in registration order: time, then id. */
public interface UserAccountsPort {
    /** The processor that keeps the list. */
    String PROCESSING_GROUP = "user-accounts";

    List<AccountView> find(int offset, int limit);

    long count();

    /** The users right after {@code after} in registration order: a keyset page, however deep. */
    List<AccountView> findAfter(Cursor after, int limit);

    /** The keyset position of a user, as {@link #findAfter} reads it. */
    static Cursor positionOf(AccountView user) {
        return Cursor.of(user.registeredAt().toString(), user.id());
    }
}
