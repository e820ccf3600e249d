package dev.tollgate.domain.billing;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of the billing context. */
public enum BillingErrorCode implements ErrorCode {
    PRICE_NOT_FOUND("price_not_found", Kind.NOT_FOUND),
    INSUFFICIENT_BALANCE("insufficient_balance", Kind.CONFLICT);

    private final String code;
    private final Kind kind;

    BillingErrorCode(String code, Kind kind) {
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
