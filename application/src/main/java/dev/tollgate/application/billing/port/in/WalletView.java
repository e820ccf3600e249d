package dev.tollgate.application.billing.port.in;

/**
 * A wallet's figures in quota units (500,000 = 1 USD).
 *
 * @param balance  credited − debited − used
 * @param reserved set aside for requests in flight (not yet spent)
 * @param enforced whether the wallet limits its owner's keys (every owner but the root operator)
 */
public record WalletView(
        String ownerId, long balance, long credited, long debited, long used, long reserved, boolean enforced) {}
