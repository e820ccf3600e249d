package dev.tollgate.domain.account;

import dev.tollgate.domain.common.ErrorCode;

/** Failures of e-mail verification and password reset. */
public enum EmailErrorCode implements ErrorCode {
    EMAIL_NOT_CONFIGURED("email_not_configured", Kind.CONFLICT),
    /** The SMTP server could not be reached or did not take a (test) mail. */
    MAIL_NOT_SENT("mail_not_sent", Kind.CONFLICT);

    private final String code;
    private final Kind kind;

    EmailErrorCode(String code, Kind kind) {
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
