package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.IncentiveUseCase;
import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.billing.port.out.CheckInJournalPort;
import dev.tollgate.application.billing.query.IncentiveSettings;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.BillingErrorCode;
import dev.tollgate.domain.billing.IncentivePolicy;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.command.SetIncentivesCommand;
import dev.tollgate.domain.billing.event.CheckedInEvent;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Incentive settings and the daily check-in (recorded once per user and day by the event store's unique key). */
public class IncentiveService implements IncentiveUseCase {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final IncentiveSettings settings;
    private final CheckInJournalPort journal;
    private final WalletUseCase wallets;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public IncentiveService(
            IncentiveSettings settings,
            CheckInJournalPort journal,
            WalletUseCase wallets,
            CommandGateway commands,
            ClockPort clock,
            ViewFreshness freshness) {
        this.settings = settings;
        this.journal = journal;
        this.wallets = wallets;
        this.commands = commands;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public Incentives incentives() {
        return new Incentives(
                settings.signupBonus(),
                settings.checkInBonus(),
                settings.inviteeBonus(),
                settings.inviterReward(),
                settings.inviterRewardOn(),
                settings.inviterRewardCap());
    }

    @Override
    public Incentives setIncentives(Incentives wanted, Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set incentives");
        }
        long version = commands.sendAndWait(new SetIncentivesCommand(
                IncentivePolicy.ID,
                wanted.signupBonus(),
                wanted.checkInBonus(),
                wanted.inviteeBonus(),
                wanted.inviterReward(),
                wanted.inviterRewardOn(),
                wanted.inviterRewardCap(),
                caller.actor(),
                clock.now()));
        freshness.await(IncentivePolicy.ID, version, VIEW_WAIT);
        return incentives();
    }

    @Override
    public WalletView checkIn(Caller caller) {
        long bonus = settings.checkInBonus();
        if (bonus <= 0) {
            throw new DomainException(BillingErrorCode.CHECK_IN_OFF, "there is no check-in bonus");
        }
        Instant now = clock.now();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!journal.recordOnce(new CheckedInEvent(caller.userId(), day, Wallet.idOf(caller.userId()), bonus, now))) {
            throw new DomainException(BillingErrorCode.CHECKED_IN_ALREADY, "you checked in today already (UTC)");
        }
        freshness.await(CheckInJournalPort.streamOf(caller.userId(), day), 0, VIEW_WAIT);
        return wallets.wallet(caller.userId(), caller);
    }
}
