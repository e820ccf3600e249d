package dev.tollgate.domain.account;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of personal access tokens. */
public enum AccessTokenErrorCode implements ErrorCode {
    ACCESS_TOKEN_NOT_FOUND("access_token_not_found", Kind.NOT_FOUND),
    ACCESS_TOKEN_REVOKED("access_token_revoked", Kind.GONE),
    ACCESS_TOKEN_NOT_ALLOWED("access_token_not_allowed", Kind.FORBIDDEN);

    private final String code;
    private final Kind kind;

    AccessTokenErrorCode(String code, Kind kind) {
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
