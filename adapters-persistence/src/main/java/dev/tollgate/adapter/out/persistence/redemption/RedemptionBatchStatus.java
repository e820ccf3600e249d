package dev.tollgate.adapter.out.persistence.redemption;

/** The statuses of a batch as the list shows and filters them ({@code ListRedemptionBatchesUseCase.STATUSES}). */
final class RedemptionBatchStatus {
    static final String ACTIVE = "active";
    static final String USED_UP = "used_up";
    static final String EXPIRED = "expired";
    static final String DISABLED = "disabled";

    private RedemptionBatchStatus() {}
}
