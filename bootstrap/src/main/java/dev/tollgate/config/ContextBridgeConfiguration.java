package dev.tollgate.config;

import dev.tollgate.application.account.port.out.InviteRewardPort;
import dev.tollgate.application.account.port.out.OrganizationInvitationPort;
import dev.tollgate.application.account.port.out.SignUpBonusPort;
import dev.tollgate.application.billing.port.in.KeySpendingUseCase;
import dev.tollgate.application.billing.query.IncentiveSettings;
import dev.tollgate.application.billing.service.InviteService;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.application.configfile.port.out.ChannelKeysPort;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.application.organization.port.out.BudgetFiguresPort;
import dev.tollgate.application.organization.port.out.BudgetFiguresPort.BudgetFigures;
import dev.tollgate.application.token.port.in.KeyLastUsedUseCase;
import dev.tollgate.application.token.service.LastUsedTracker;
import dev.tollgate.domain.account.UserId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where one application context needs a lower one's inside, or a higher one's use case, the wiring connects them, so
 * that contexts depend on each other one way only and through inbound ports (docs/architecture.md, "Contexts"):
 * account's registration reaches billing's incentives and organisation invitations through its outbound ports; the
 * organisation's member budgets and the token's spending read billing's ledger; configuration as code reads the
 * channel keys; the relay notes a key's use through the token context's inbound port.
 */
@Configuration(proxyBeanMethods = false)
class ContextBridgeConfiguration {

    @Bean
    SignUpBonusPort signUpBonusPort(IncentiveSettings incentives) {
        return incentives::signupBonus;
    }

    @Bean
    InviteRewardPort inviteRewardPort(InviteService invites) {
        return new InviteRewardPort() {
            @Override
            public UserId inviterFor(String code) {
                return invites.inviterFor(code);
            }

            @Override
            public void invitedUserRegistered(String inviteeId) {
                invites.invitedUserRegistered(inviteeId);
            }
        };
    }

    @Bean
    OrganizationInvitationPort organizationInvitationPort(OrganizationUseCase organizations) {
        return new OrganizationInvitationPort() {
            @Override
            public boolean invitationCodeValid(String code) {
                return organizations.invitationCodeValid(code);
            }

            @Override
            public void acceptInvitationCode(String code, Caller caller) {
                organizations.acceptInvitationCode(code, caller);
            }
        };
    }

    @Bean
    BudgetFiguresPort budgetFiguresPort(QuotaLedger ledger) {
        return (organizationId, userId) -> {
            QuotaLedger.BudgetFigures figures = ledger.budgetFigures(organizationId, userId);
            return new BudgetFigures(figures.limit(), figures.used(), figures.reserved(), figures.month());
        };
    }

    @Bean
    KeySpendingUseCase keySpendingUseCase(QuotaLedger ledger) {
        return ledger::used;
    }

    @Bean
    KeyLastUsedUseCase keyLastUsedUseCase(LastUsedTracker lastUsed) {
        return lastUsed::used;
    }

    @Bean
    ChannelKeysPort channelKeysPort(ChannelSecretPort secrets) {
        return secrets::load;
    }
}
