package dev.tollgate.application.billing.query;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.billing.event.IncentivesSetEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** The current incentives (0: off), kept by their events. */
public class IncentiveSettings {
    private final ViewFreshness freshness;
    private volatile long signupBonus;
    private volatile long checkInBonus;

    public IncentiveSettings(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(IncentivesSetEvent event, @SequenceNumber long sequence) {
        signupBonus = event.signupBonus();
        checkInBonus = event.checkInBonus();
        freshness.applied(event.policyId(), sequence);
    }

    public long signupBonus() {
        return signupBonus;
    }

    public long checkInBonus() {
        return checkInBonus;
    }
}
