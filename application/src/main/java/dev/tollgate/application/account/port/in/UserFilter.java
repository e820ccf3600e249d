package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.TextSearch;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserStatus;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a user list is narrowed to: {@code q} in the user name, a platform role ({@code ROOT}, {@code ADMIN},
 * {@code USER}, any case) and a status ({@code enabled}, {@code disabled}). Each optional; another role or status is
 * refused with 400 naming the field.
 */
public record UserFilter(TextSearch q, String role, String status) {
    /** Every user. */
    public static final UserFilter NONE = new UserFilter(TextSearch.NONE, null, null);

    public UserFilter {
        q = q == null ? TextSearch.NONE : q;
        role = role == null || role.isBlank() ? null : role(role.strip().toUpperCase(Locale.ROOT));
        status = status == null || status.isBlank()
                ? null
                : UserStatus.fromCode(status.strip()).code();
    }

    private static String role(String name) {
        return Arrays.stream(Role.values())
                .map(Role::name)
                .filter(name::equals)
                .findFirst()
                .orElseThrow(() -> new InvalidValueException("role", "role must be ROOT, ADMIN or USER"));
    }

    public boolean matches(AccountView user) {
        return q.matches(user.username())
                && (role == null || role.equals(user.role()))
                && (status == null || status.equals(user.status()));
    }
}
