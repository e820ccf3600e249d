package dev.tollgate.domain.token;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of the token context. */
public enum TokenErrorCode implements ErrorCode {
    TOKEN_NOT_FOUND("token_not_found", Kind.NOT_FOUND),
    TOKEN_DELETED("token_deleted", Kind.GONE),
    /** A key brought in from elsewhere (an import) has the secret of a key that exists already. */
    TOKEN_SECRET_TAKEN("token_secret_taken", Kind.CONFLICT);

    private final String code;
    private final Kind kind;

    TokenErrorCode(String code, Kind kind) {
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
