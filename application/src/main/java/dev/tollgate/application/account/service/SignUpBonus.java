package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.out.SignUpBonusPort;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.command.CreditWalletCommand;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Credits the sign-up bonus (when an admin set one) to a user who registered by themselves, by any route. */
public class SignUpBonus {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final SignUpBonusPort incentives;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public SignUpBonus(SignUpBonusPort incentives, CommandGateway commands, ClockPort clock, ViewFreshness freshness) {
        this.incentives = incentives;
        this.commands = commands;
        this.clock = clock;
        this.freshness = freshness;
    }

    public void credit(String userId) {
        long bonus = incentives.signupBonus();
        if (bonus > 0) {
            String walletId = Wallet.idOf(userId);
            long version = commands.sendAndWait(
                    new CreditWalletCommand(walletId, bonus, "incentive", "sign-up bonus", "system", clock.now()));
            freshness.await(walletId, version, VIEW_WAIT);
        }
    }
}
