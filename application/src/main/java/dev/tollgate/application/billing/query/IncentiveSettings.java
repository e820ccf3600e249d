package dev.tollgate.application.billing.query;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.billing.command.SetIncentivesCommand;
import dev.tollgate.domain.billing.event.IncentivesSetEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** The current incentives (0: off), kept by their events. */
public class IncentiveSettings {
    private final ViewFreshness freshness;
    private volatile long signupBonus;
    private volatile long checkInBonus;
    private volatile long inviteeBonus;
    private volatile long inviterReward;
    private volatile String inviterRewardOn = SetIncentivesCommand.ON_SIGN_UP;
    private volatile long inviterRewardCap;

    public IncentiveSettings(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(IncentivesSetEvent event, @SequenceNumber long sequence) {
        signupBonus = event.signupBonus();
        checkInBonus = event.checkInBonus();
        inviteeBonus = event.inviteeBonus();
        inviterReward = event.inviterReward();
        inviterRewardOn = event.inviterRewardOn() == null ? SetIncentivesCommand.ON_SIGN_UP : event.inviterRewardOn();
        inviterRewardCap = event.inviterRewardCap();
        freshness.applied(event.policyId(), sequence);
    }

    public long signupBonus() {
        return signupBonus;
    }

    public long checkInBonus() {
        return checkInBonus;
    }

    /** Units credited to a user who signs up with an invite code. */
    public long inviteeBonus() {
        return inviteeBonus;
    }

    /** Units credited to the owner of the invite code an invitee signed up with. */
    public long inviterReward() {
        return inviterReward;
    }

    /** When the inviter is rewarded: {@code sign_up} or {@code first_top_up} of the invitee. */
    public String inviterRewardOn() {
        return inviterRewardOn;
    }

    /** At most how many invitees reward one inviter (0: no limit). */
    public long inviterRewardCap() {
        return inviterRewardCap;
    }
}
