package dev.tollgate.domain.billing.event;

/** Every fact recorded about a wallet (its top-ups and adjustments; spending is recorded per request). */
public sealed interface WalletEvent permits WalletCreditedEvent, WalletDebitedEvent {
    String walletId();
}
