package dev.tollgate.application.billing.port.in;

/** Too many wrong redemption codes from one user and address; try again after {@code retryAfterSeconds}. */
public class RedemptionThrottledException extends RuntimeException {
    private final long retryAfterSeconds;

    public RedemptionThrottledException(long retryAfterSeconds) {
        super("too many wrong redemption codes; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
