package dev.tollgate.application.billing.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.billing.port.in.InviteUseCase;
import dev.tollgate.application.billing.port.in.InviteView;
import dev.tollgate.application.billing.port.out.InviteJournalPort;
import dev.tollgate.application.billing.query.IncentiveSettings;
import dev.tollgate.application.billing.query.InviteDirectory;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.command.CreditWalletCommand;
import dev.tollgate.domain.billing.command.SetIncentivesCommand;
import dev.tollgate.domain.billing.event.InviterRewardedEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invite codes and their rewards. The invitee's bonus is credited at sign-up; the inviter's reward at the invitee's
 * sign-up or first top-up (an admin setting), at most once per invitee — the reward is the only event of a stream
 * named by the invitee, so the event store's unique key refuses a second one on any node — and for at most
 * {@code inviterRewardCap} invitees per inviter (checked under a lock per inviter: exact on one node; nodes racing
 * on one inviter's last free place may each grant it once).
 */
public class InviteService implements InviteUseCase {
    private static final Logger log = LoggerFactory.getLogger(InviteService.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final InviteDirectory invites;
    private final UserDirectory users;
    private final IncentiveSettings settings;
    private final InviteJournalPort journal;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final ViewFreshness freshness;
    private final Map<String, Object> inviterLocks = new ConcurrentHashMap<>();

    public InviteService(
            InviteDirectory invites,
            UserDirectory users,
            IncentiveSettings settings,
            InviteJournalPort journal,
            CommandGateway commands,
            ClockPort clock,
            ViewFreshness freshness) {
        this.invites = invites;
        this.users = users;
        this.settings = settings;
        this.journal = journal;
        this.commands = commands;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public InviteView invite(Caller caller) {
        return new InviteView(
                invites.codeOf(caller.userId()),
                invites.inviteesOf(caller.userId()),
                invites.rewardsOf(caller.userId()));
    }

    /**
     * The inviter behind a code given at sign-up: an existing, enabled user. An unknown code (or one of a disabled or
     * deleted user) → 400, before anything is created.
     */
    public UserId inviterFor(String code) {
        return invites.userWithCode(code)
                .filter(users::active)
                .map(UserId::new)
                .orElseThrow(() -> new InvalidValueException("inviteCode", "the invite code is unknown"));
    }

    /** Credits the invitee bonus to a user who just signed up with an invite code, then rewards on sign-up. */
    public void invitedUserRegistered(String inviteeId) {
        long bonus = settings.inviteeBonus();
        if (bonus > 0) {
            credit(inviteeId, bonus, "invitee bonus");
        }
        if (SetIncentivesCommand.ON_SIGN_UP.equals(settings.inviterRewardOn())) {
            rewardInviter(inviteeId, SetIncentivesCommand.ON_SIGN_UP);
        }
    }

    /** A user's wallet was topped up: the inviter is rewarded now if that is the setting (and not rewarded yet). */
    public void toppedUp(String userId) {
        if (SetIncentivesCommand.ON_FIRST_TOP_UP.equals(settings.inviterRewardOn())) {
            rewardInviter(userId, SetIncentivesCommand.ON_FIRST_TOP_UP);
        }
    }

    private void rewardInviter(String inviteeId, String trigger) {
        Optional<String> inviter = invites.inviterOf(inviteeId);
        long reward = settings.inviterReward();
        if (inviter.isEmpty() || reward <= 0 || inviter.get().equals(inviteeId) || !users.active(inviter.get())) {
            return; // no invitation, no reward set, or the inviter was disabled or deleted since
        }
        String inviterId = inviter.get();
        boolean rewarded;
        synchronized (inviterLocks.computeIfAbsent(inviterId, id -> new Object())) {
            long cap = settings.inviterRewardCap();
            if (cap > 0 && invites.rewardsOf(inviterId) >= cap) {
                log.info(
                        "inviter {} reached the cap of {} rewarded invitees; {} brings no reward",
                        inviterId,
                        cap,
                        inviteeId);
                return;
            }
            rewarded = journal.recordOnce(new InviterRewardedEvent(inviteeId, inviterId, reward, trigger, clock.now()));
            if (rewarded) {
                freshness.await(InviteJournalPort.streamOf(inviteeId), 0, VIEW_WAIT);
            }
        }
        if (rewarded) {
            String invitee = users.findById(inviteeId).map(UserView::username).orElse(inviteeId);
            credit(inviterId, reward, "invite reward: " + invitee + " (" + trigger.replace('_', ' ') + ")");
        }
    }

    private void credit(String ownerId, long amount, String reason) {
        String walletId = Wallet.idOf(ownerId);
        long version = commands.sendAndWait(
                new CreditWalletCommand(walletId, amount, "incentive", reason, "system", clock.now()));
        freshness.await(walletId, version, VIEW_WAIT);
    }
}
