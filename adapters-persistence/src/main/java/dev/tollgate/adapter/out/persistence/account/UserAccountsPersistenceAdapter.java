package dev.tollgate.adapter.out.persistence.account;

import dev.tollgate.adapter.out.persistence.OffsetPages;
import dev.tollgate.application.account.port.in.AccountView;
import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.application.common.Cursor;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code user_account} through {@link UserAccountRepository}: offset pages as slices (no count query; {@link
 * #count} is separate), keyset pages after (registration time, id). One statement per call.
 */
public class UserAccountsPersistenceAdapter implements UserAccountsPort {
    private static final Sort REGISTRATION_ORDER = Sort.by("registeredAt", "userId");

    private final UserAccountRepository users;

    public UserAccountsPersistenceAdapter(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    public List<AccountView> find(int offset, int limit) {
        return users.findAllBy(OffsetPages.of(offset, limit, REGISTRATION_ORDER))
                .map(UserAccountEntity::view)
                .getContent();
    }

    @Override
    public long count() {
        return users.count();
    }

    @Override
    public List<AccountView> findAfter(Cursor after, int limit) {
        List<UserAccountEntity> page = after.start()
                ? users.findAllByOrderByRegisteredAtAscUserIdAsc(Limit.of(limit))
                : users.findAfter(after.instant(0, 2), after.key(1, 2), Limit.of(limit));
        return page.stream().map(UserAccountEntity::view).toList();
    }
}
