package dev.tollgate.archfixture.application.token.port.in;

/** The token context's inbound port. */
public interface KeyLookupUseCase {
    boolean known(String key);
}
