package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Incentives: a sign-up bonus, a daily check-in bonus and invite rewards, set by platform admins, each credit a ledger
 * entry.
 */
public interface IncentiveUseCase {
    Incentives incentives();

    Incentives setIncentives(Incentives incentives, Caller caller);

    /** Credits the check-in bonus once per calendar day (UTC); a second check-in that day → 409. */
    WalletView checkIn(Caller caller);
}
