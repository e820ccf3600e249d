package dev.tollgate.archfixture.application.token.service;

import dev.tollgate.archfixture.application.billing.port.in.ChargeUseCase;
import dev.tollgate.archfixture.application.token.port.in.KeyLookupUseCase;

/** Right on its own (billing through its inbound port), wrong with {@code Invoicing}: token → billing → token. */
public class KeyLookupService implements KeyLookupUseCase {
    private final ChargeUseCase billing;

    public KeyLookupService(ChargeUseCase billing) {
        this.billing = billing;
    }

    @Override
    public boolean known(String key) {
        return billing.charge(key, 0) == 0;
    }
}
