package dev.tollgate.domain.account;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of the account context. */
public enum AccountErrorCode implements ErrorCode {
    USER_NOT_FOUND("user_not_found", Kind.NOT_FOUND),
    USERNAME_TAKEN("username_taken", Kind.CONFLICT);

    private final String code;
    private final Kind kind;

    AccountErrorCode(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
