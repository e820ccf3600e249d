package dev.tollgate.application.billing.port.in;

/**
 * Billing as the relay sees it, and all of it: price and admit a request (its worst case held on the key, the member's
 * budget and the wallet, and the hold recorded), then settle it with what it used (priced, charged within the hold,
 * recorded). Nothing of billing's inside — the ledger, the journal, the events — is visible beyond this port.
 */
public interface MeteringUseCase {
    /** Refuses a model that has no price for the key's group ({@link MeteringRefusal.Reason#PRICE_NOT_SET}). */
    void requirePrice(String model, String group);

    /**
     * Prices the request and holds its worst case. Throws {@link MeteringRefusal} when the model has no price, the
     * key, budget or wallet cannot cover the request, or the hold cannot be recorded; nothing is held then.
     */
    Admission admit(MeteringRequest request);

    /**
     * Ends an admission, exactly once: prices what the request used, charges it (never above the hold when
     * something limited it), records the settlement and returns what was charged.
     */
    long settle(Admission admission, MeteredUsage usage);

    /** Units the key has spent so far (settled, stored or not). */
    long spent(String tokenId);
}
