package dev.tollgate.application.billing.port.in;

/** Billing refuses a request before it is sent; nothing is held for it. */
public class MeteringRefusal extends RuntimeException {
    /** Why. */
    public enum Reason {
        /** The model has no price for the key's group. */
        PRICE_NOT_SET,
        /** The key's quota, the member's budget or the wallet cannot cover the request. */
        INSUFFICIENT_QUOTA,
        /** The hold could not be obtained or recorded in time (the database is slow or away): try again shortly. */
        BILLING_UNAVAILABLE
    }

    private final Reason reason;

    public MeteringRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
