package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Wallets: every organisation has one, and a personal organisation's is its user's wallet: its balance, and top-ups and
 * adjustments by platform admins, each an event with its actor and reason. A negative adjustment can never take the
 * balance below zero, also not while requests are in flight.
 */
public interface WalletUseCase {
    /** The wallet of a user; admins see anyone's, a user only their own (anyone else: not found). */
    WalletView wallet(String userId, Caller caller);

    /** Adds units ({@code kind}: {@code top_up} or {@code adjustment}); admins only; the reason is required. */
    WalletView credit(String userId, long amount, String kind, String reason, Caller caller);

    /** Takes units out (a negative adjustment); refused (409) when the free balance is smaller; admins only. */
    WalletView debit(String userId, long amount, String reason, Caller caller);

    /**
     * The wallet of an organisation (a personal organisation's is its user's): its owner and admins and platform
     * admins see it; anyone else gets "not found" (members who manage nothing get "forbidden").
     */
    WalletView organizationWallet(String organizationId, Caller caller);

    /** Adds units to an organisation's wallet; platform admins only; the reason is required. */
    WalletView creditOrganization(String organizationId, long amount, String kind, String reason, Caller caller);

    /** Takes units out of an organisation's wallet; refused (409) when the free balance is smaller. */
    WalletView debitOrganization(String organizationId, long amount, String reason, Caller caller);
}
