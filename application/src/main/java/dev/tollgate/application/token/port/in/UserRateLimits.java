package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.token.RateLimit;
import dev.tollgate.domain.token.event.UserRateLimitsSetEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** In-memory view of the limits all keys of one user share (none until an admin sets them). */
public class UserRateLimits {
    private final ViewFreshness freshness;
    private volatile RateLimit limit = RateLimit.NONE;

    public UserRateLimits(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(UserRateLimitsSetEvent e, @SequenceNumber long sequence) {
        limit = new RateLimit(e.rpm(), e.tpm());
        freshness.applied(e.policyId(), sequence);
    }

    public RateLimit current() {
        return limit;
    }
}
