package dev.tollgate.archfixture.application.token.service;

import dev.tollgate.archfixture.application.billing.service.Ledger;

/** Wrong: the token context reads billing's ledger (a service) instead of a use case of billing's port.in. */
public class TokenUsesLedger {
    long spent(Ledger ledger, String key) {
        return ledger.reserve(key, 0);
    }
}
