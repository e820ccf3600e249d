package dev.tollgate.domain.account;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of the account context. */
public enum AccountErrorCode implements ErrorCode {
    USER_NOT_FOUND("user_not_found", Kind.NOT_FOUND),
    USERNAME_TAKEN("username_taken", Kind.CONFLICT),
    ROOT_PROTECTED("root_protected", Kind.CONFLICT),
    REGISTRATION_CLOSED("registration_closed", Kind.FORBIDDEN),
    WRONG_PASSWORD("wrong_password", Kind.FORBIDDEN);

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
