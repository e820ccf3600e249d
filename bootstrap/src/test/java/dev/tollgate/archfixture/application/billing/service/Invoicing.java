package dev.tollgate.archfixture.application.billing.service;

import dev.tollgate.archfixture.application.token.port.in.KeyLookupUseCase;

/** Uses the token context only through its inbound port, yet closes a cycle: the token context uses billing. */
public class Invoicing {
    long invoice(KeyLookupUseCase keys, String key) {
        return keys.known(key) ? 1 : 0;
    }
}
