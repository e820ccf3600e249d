package dev.tollgate.application.billing.port.in;

/** What a key spent so far, for the key's own view. */
public interface KeySpendingUseCase {
    /** Units spent by the key so far (settled, stored or not). */
    long used(String tokenId);
}
