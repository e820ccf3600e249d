package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take quota units out of a wallet (a negative adjustment). The caller has already set the amount aside from the
 * balance, so it can never take the balance below zero.
 *
 * @param debitId identifies this debit (so that the node that made it counts it once)
 */
public record DebitWalletCommand(
        @TargetAggregateIdentifier String walletId,
        long amount,
        String debitId,
        String reason,
        String actor,
        Instant at) {
    public DebitWalletCommand {
        Checks.requireText("walletId", walletId, 64);
        Checks.requireAmount("amount", amount);
        Checks.requireText("debitId", debitId, 64);
        Checks.requireText("reason", reason, 500);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
