package dev.tollgate.domain.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.billing.command.CreditWalletCommand;
import dev.tollgate.domain.billing.command.DebitWalletCommand;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A wallet of quota units, identified by its owner (a user now, an organisation later). Its top-ups and adjustments
 * are its events; what requests spend is recorded per request ({@code RequestSettledEvent}) and summed by the
 * ledger. Created by its first top-up.
 */
public class Wallet {
    private static final String PREFIX = "wallet-";

    /** The wallet id of an owner (distinct from the owner's own aggregate id in the event store). */
    public static String idOf(String ownerId) {
        return PREFIX + ownerId;
    }

    /** The owner of a wallet id. */
    public static String ownerOf(String walletId) {
        return walletId.startsWith(PREFIX) ? walletId.substring(PREFIX.length()) : walletId;
    }

    @AggregateIdentifier
    private String walletId;

    private long version = -1;

    protected Wallet() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreditWalletCommand command) {
        apply(new WalletCreditedEvent(
                command.walletId(), command.amount(), command.kind(), command.reason(), command.actor(), command.at()));
        return version;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(DebitWalletCommand command) {
        apply(new WalletDebitedEvent(
                command.walletId(),
                command.amount(),
                command.debitId(),
                command.reason(),
                command.actor(),
                command.at()));
        return version;
    }

    @EventSourcingHandler
    void on(WalletCreditedEvent event) {
        walletId = event.walletId();
        version++;
    }

    @EventSourcingHandler
    void on(WalletDebitedEvent event) {
        walletId = event.walletId();
        version++;
    }
}
