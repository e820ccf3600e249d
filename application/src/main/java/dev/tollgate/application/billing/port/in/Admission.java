package dev.tollgate.application.billing.port.in;

/**
 * A request admitted by {@link MeteringUseCase#admit}: what is held for it, and the output-token limit to send
 * upstream instead of the client's ({@code null}: leave the client's), so that the cost cannot exceed the hold.
 *
 * @param hold billing's own handle on the request (opaque to the caller), given back to
 *             {@link MeteringUseCase#settle}
 */
public record Admission(String requestId, long held, Long maxTokensOverride, Hold hold) {
    /** Billing's handle on an admitted request (what it is, is billing's business). */
    public abstract static class Hold {
        protected Hold() {}
    }
}
