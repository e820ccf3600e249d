package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.event.InviterRewardedEvent;

/** Records an inviter's reward exactly once per invitee, whatever races. */
public interface InviteJournalPort {
    /** Appends the reward durably; false (nothing recorded) when the invitee rewarded their inviter already. */
    boolean recordOnce(InviterRewardedEvent event);

    /** The event-store stream of the reward an invitee brings their inviter. */
    static String streamOf(String inviteeId) {
        return "invite-reward-" + inviteeId;
    }
}
