package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add quota units to a wallet (a user's, standing in for their organisation's until organisations exist).
 *
 * @param kind   why, as a ledger kind: {@code top_up}, {@code adjustment} or {@code incentive} (a sign-up bonus)
 * @param reason what the operator wrote down (required)
 */
public record CreditWalletCommand(
        @TargetAggregateIdentifier String walletId, long amount, String kind, String reason, String actor, Instant at) {
    public CreditWalletCommand {
        Checks.requireText("walletId", walletId, 64);
        Checks.requireAmount("amount", amount);
        if (!"top_up".equals(kind) && !"adjustment".equals(kind) && !"incentive".equals(kind)) {
            throw new InvalidValueException("kind", "kind must be 'top_up', 'adjustment' or 'incentive'");
        }
        Checks.requireText("reason", reason, 500);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
