package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.event.CodeRedeemedEvent;

/** Records redemptions exactly once per code, whatever the node and however many redeem at the same moment. */
public interface RedemptionJournalPort {
    /**
     * Appends the redemption as the only event of the code's stream, durably; false (and nothing recorded) when the
     * code was redeemed already.
     */
    boolean recordOnce(CodeRedeemedEvent event);
}
