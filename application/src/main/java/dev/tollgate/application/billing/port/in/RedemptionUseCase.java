package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import java.time.Instant;
import java.util.List;

/**
 * Redemption codes: admins create batches (up to 1,000 codes of one value, optional expiry) and disable them; anyone
 * signed in redeems a code into their own wallet. A code credits exactly once, whoever and wherever redeems it at the
 * same moment; wrong guesses are throttled per user and address. The list of batches is {@link
 * ListRedemptionBatchesUseCase}'s.
 */
public interface RedemptionUseCase {
    CreatedRedemptionBatch createBatch(String name, int count, long value, Instant expiresAt, Caller caller);

    RedemptionBatchView disableBatch(String batchId, Caller caller);

    /** Deletes a batch: its remaining codes stop working, it leaves the list; what was redeemed stays. */
    void deleteBatch(String batchId, Caller caller);

    List<RedemptionCodeStatus> codes(String batchId, Caller caller);

    /** Credits the code's value to the caller's wallet and returns the wallet. */
    WalletView redeem(String code, Caller caller, String clientAddress);

    /**
     * Redeems into the wallet of an organisation the caller owns or administers ({@code null}: their personal
     * organisation); another organisation: not found (or forbidden for a plain member).
     */
    WalletView redeem(String code, String organizationId, Caller caller, String clientAddress);
}
