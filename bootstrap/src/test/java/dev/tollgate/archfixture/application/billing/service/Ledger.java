package dev.tollgate.archfixture.application.billing.service;

/** Billing's inside: what the relay must not reach. */
public class Ledger {
    public long reserve(String key, long amount) {
        return amount;
    }
}
