package dev.tollgate.domain.account;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of the account context. */
public enum AccountErrorCode implements ErrorCode {
    USER_NOT_FOUND("user_not_found", Kind.NOT_FOUND),
    USERNAME_TAKEN("username_taken", Kind.CONFLICT),
    ROOT_PROTECTED("root_protected", Kind.CONFLICT),
    REGISTRATION_CLOSED("registration_closed", Kind.FORBIDDEN),
    WRONG_PASSWORD("wrong_password", Kind.FORBIDDEN),
    IDENTITY_ALREADY_LINKED("identity_already_linked", Kind.CONFLICT),
    IDENTITY_NOT_LINKED("identity_not_linked", Kind.NOT_FOUND),
    LAST_SIGN_IN_METHOD("last_sign_in_method", Kind.CONFLICT),
    ACCOUNT_DISABLED("account_disabled", Kind.FORBIDDEN),
    INVALID_SIGN_IN_CODE("invalid_sign_in_code", Kind.INVALID),
    PROVIDER_NOT_CONFIGURED("provider_not_configured", Kind.NOT_FOUND),
    CAPTCHA_FAILED("captcha_failed", Kind.FORBIDDEN);

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
