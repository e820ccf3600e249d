package dev.tollgate.domain.billing;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of the billing context. */
public enum BillingErrorCode implements ErrorCode {
    PRICE_NOT_FOUND("price_not_found", Kind.NOT_FOUND),
    INSUFFICIENT_BALANCE("insufficient_balance", Kind.CONFLICT),
    BATCH_NOT_FOUND("redemption_batch_not_found", Kind.NOT_FOUND),
    CODE_INVALID("redemption_code_invalid", Kind.NOT_FOUND),
    CODE_REDEEMED("redemption_code_redeemed", Kind.CONFLICT),
    CODE_UNUSABLE("redemption_code_unusable", Kind.GONE),
    CHECK_IN_OFF("check_in_off", Kind.CONFLICT),
    CHECKED_IN_ALREADY("checked_in_already", Kind.CONFLICT);

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
