package dev.tollgate.application.billing.service;

import dev.tollgate.application.account.query.UserDirectory;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.billing.BillingErrorCode;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.command.CreditWalletCommand;
import dev.tollgate.domain.billing.command.DebitWalletCommand;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Wallet top-ups and adjustments, and the wallet's figures from the in-memory ledger. */
public class WalletService implements WalletUseCase {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final QuotaLedger ledger;
    private final UserDirectory users;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;
    private final InviteService invites;

    public WalletService(QuotaLedger ledger, UserDirectory users, CommandGateway commands, ClockPort clock,
            IdGeneratorPort ids, ViewFreshness freshness, InviteService invites) {
        this.invites = invites;
        this.ledger = ledger;
        this.users = users;
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
    }

    @Override
    public WalletView wallet(String userId, Caller caller) {
        requireVisible(userId, caller);
        return view(userId);
    }

    @Override
    public WalletView credit(String userId, long amount, String kind, String reason, Caller caller) {
        requireAdmin(caller);
        requireVisible(userId, caller);
        String walletId = Wallet.idOf(userId);
        CreditWalletCommand command = new CreditWalletCommand(walletId, amount, kind == null ? "top_up" : kind,
                reason, caller.actor(), clock.now());
        long version = commands.sendAndWait(command);
        freshness.await(walletId, version, VIEW_WAIT);
        if ("top_up".equals(command.kind())) {
            invites.toppedUp(userId);
        }
        return view(userId);
    }

    @Override
    public WalletView debit(String userId, long amount, String reason, Caller caller) {
        requireAdmin(caller);
        requireVisible(userId, caller);
        DebitWalletCommand command = new DebitWalletCommand(Wallet.idOf(userId), amount, "debit_" + ids.newId(),
                reason, caller.actor(), clock.now());
        if (!ledger.holdForDebit(userId, command.debitId(), amount)) {
            throw new DomainException(BillingErrorCode.INSUFFICIENT_BALANCE, "the wallet's free balance ("
                    + Math.max(0, ledger.walletFigures(userId).balance() - ledger.walletFigures(userId).reserved())
                    + " units) does not cover a debit of " + amount + " units");
        }
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            ledger.releaseDebit(userId, command.debitId(), amount);
            throw e;
        }
        ledger.completeDebit(userId, command.debitId(), amount);
        return view(userId);
    }

    private WalletView view(String userId) {
        QuotaLedger.WalletFigures f = ledger.walletFigures(userId);
        return new WalletView(userId, f.balance(), f.credited(), f.debited(), f.used(), f.reserved(), f.enforced());
    }

    private void requireVisible(String userId, Caller caller) {
        if (users.findById(userId).isEmpty() || !(caller.admin() || userId.equals(caller.userId()))) {
            throw new NotFoundException(AccountErrorCode.USER_NOT_FOUND, "user " + userId + " not found");
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may credit or debit "
                    + "wallets");
        }
    }
}
