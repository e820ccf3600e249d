package dev.tollgate.application.billing.query;

import dev.tollgate.application.billing.port.out.InviteJournalPort;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.billing.event.InviterRewardedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventHandler;

/**
 * In memory: every user's invite code, who invited whom, and how many invitees have rewarded each inviter — kept by
 * the registration, deletion and reward events.
 */
public class InviteDirectory {
    private final InviteCodes codes;
    private final ViewFreshness freshness;
    private final Map<String, String> userByCode = new ConcurrentHashMap<>();
    private final Map<String, String> inviterByInvitee = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> invitees = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rewarded = new ConcurrentHashMap<>();

    public InviteDirectory(InviteCodes codes, ViewFreshness freshness) {
        this.codes = codes;
        this.freshness = freshness;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        userByCode.put(codes.codeOf(event.userId()), event.userId());
        if (event.invitedBy() != null) {
            inviterByInvitee.put(event.userId(), event.invitedBy());
            invitees.computeIfAbsent(event.invitedBy(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        userByCode.remove(codes.codeOf(event.userId()), event.userId());
    }

    @EventHandler
    void on(InviterRewardedEvent event) {
        rewarded.computeIfAbsent(event.inviterId(), k -> new AtomicLong()).incrementAndGet();
        freshness.applied(InviteJournalPort.streamOf(event.inviteeId()), 0);
    }

    public String codeOf(String userId) {
        return codes.codeOf(userId);
    }

    /** The (not deleted) user a code belongs to. */
    public Optional<String> userWithCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(userByCode.get(InviteCodes.normalise(code)));
    }

    public Optional<String> inviterOf(String inviteeId) {
        return Optional.ofNullable(inviterByInvitee.get(inviteeId));
    }

    /** How many users signed up with the user's code. */
    public long inviteesOf(String userId) {
        AtomicLong n = invitees.get(userId);
        return n == null ? 0 : n.get();
    }

    /** How many invitees have rewarded the user so far. */
    public long rewardsOf(String userId) {
        AtomicLong n = rewarded.get(userId);
        return n == null ? 0 : n.get();
    }
}
