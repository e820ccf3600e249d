package dev.tollgate.application.billing.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.billing.BillingErrorCode;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.command.CreditWalletCommand;
import dev.tollgate.domain.billing.command.DebitWalletCommand;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;
import dev.tollgate.domain.organization.OrganizationId;
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

    private final OrganizationDirectory organizations;

    public WalletService(
            QuotaLedger ledger,
            UserDirectory users,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            InviteService invites,
            OrganizationDirectory organizations) {
        this.organizations = organizations;
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
        return creditWallet(userId, amount, kind, reason, caller);
    }

    private WalletView creditWallet(String userId, long amount, String kind, String reason, Caller caller) {
        String walletId = Wallet.idOf(userId);
        CreditWalletCommand command = new CreditWalletCommand(
                walletId, amount, kind == null ? "top_up" : kind, reason, caller.actor(), clock.now());
        long version = commands.sendAndWait(command);
        freshness.await(walletId, version, VIEW_WAIT);
        if ("top_up".equals(command.kind()) && users.findById(userId).isPresent()) {
            invites.toppedUp(userId);
        }
        return view(userId);
    }

    @Override
    public WalletView debit(String userId, long amount, String reason, Caller caller) {
        requireAdmin(caller);
        requireVisible(userId, caller);
        return debitWallet(userId, amount, reason, caller);
    }

    @Override
    public WalletView organizationWallet(String organizationId, Caller caller) {
        return view(walletOwnerVisible(organizationId, caller));
    }

    @Override
    public WalletView creditOrganization(
            String organizationId, long amount, String kind, String reason, Caller caller) {
        String owner = walletOwnerVisible(organizationId, caller);
        requireAdmin(caller);
        return creditWallet(owner, amount, kind, reason, caller);
    }

    @Override
    public WalletView debitOrganization(String organizationId, long amount, String reason, Caller caller) {
        String owner = walletOwnerVisible(organizationId, caller);
        requireAdmin(caller);
        return debitWallet(owner, amount, reason, caller);
    }

    /**
     * The owner of the organisation's wallet, when the caller may see it: platform admins, and the organisation's
     * owner and admins (a personal organisation's user). Not a member: not found; a plain member: forbidden.
     */
    private String walletOwnerVisible(String organizationId, Caller caller) {
        OrganizationId id =
                organizationId == null || organizationId.isBlank() ? null : new OrganizationId(organizationId);
        boolean self = id != null && id.equals(OrganizationId.personalOf(caller.userId()));
        var org = id == null
                ? java.util.Optional.<OrganizationDirectory.OrganizationRecord>empty()
                : organizations.find(organizationId);
        if (!self && (org.isEmpty() || !(caller.admin() || org.get().members().containsKey(caller.userId())))) {
            throw new NotFoundException(
                    OrganizationErrorCode.ORGANIZATION_NOT_FOUND, "no organisation " + organizationId);
        }
        if (!self
                && !caller.admin()
                && !org.get().roleOf(caller.userId()).map(MemberRole::manages).orElse(false)) {
            throw new DomainException(
                    OrganizationErrorCode.NOT_ALLOWED, "only the organisation's owner and admins see its wallet");
        }
        return id.walletOwner();
    }

    private WalletView debitWallet(String userId, long amount, String reason, Caller caller) {
        DebitWalletCommand command = new DebitWalletCommand(
                Wallet.idOf(userId), amount, "debit_" + ids.newId(), reason, caller.actor(), clock.now());
        QuotaLedger.WalletFigures figures = ledger.walletFigures(userId);
        if (figures.balance() - figures.reserved() < amount) {
            throw new DomainException(
                    BillingErrorCode.INSUFFICIENT_BALANCE,
                    "the wallet's free balance ("
                            + Math.max(0, figures.balance() - figures.reserved()) + " units) does not cover a debit of "
                            + amount + " units");
        }
        // first from the pool the processes' allowances are granted from (so none of them can be granted what the
        // debit takes), then from this process's memory (so no reservation here can take it either)
        if (!ledger.takeDebitFromPool(userId, amount)) {
            throw new DomainException(
                    BillingErrorCode.INSUFFICIENT_BALANCE,
                    "a debit of " + amount + " units does "
                            + "not fit in what the wallet has left once the shares held by Tollgate servers for requests "
                            + "are counted; unused shares are given back after a second without requests, so try again "
                            + "shortly or debit less");
        }
        if (!ledger.holdForDebit(userId, command.debitId(), amount)) {
            ledger.putDebitBackInPool(userId, amount);
            throw new DomainException(
                    BillingErrorCode.INSUFFICIENT_BALANCE,
                    "the wallet's free balance ("
                            + Math.max(
                                    0,
                                    ledger.walletFigures(userId).balance()
                                            - ledger.walletFigures(userId).reserved())
                            + " units) does not cover a debit of " + amount + " units");
        }
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            ledger.releaseDebit(userId, command.debitId(), amount);
            ledger.putDebitBackInPool(userId, amount);
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
            throw new DomainException(
                    AccessErrorCode.ADMIN_REQUIRED, "only platform admins may credit or debit " + "wallets");
        }
    }
}
