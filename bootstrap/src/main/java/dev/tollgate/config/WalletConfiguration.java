package dev.tollgate.config;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.out.SecretSettingsPort;
import dev.tollgate.application.billing.port.in.RedemptionDirectory;
import dev.tollgate.application.billing.port.out.CheckInJournalPort;
import dev.tollgate.application.billing.port.out.InviteJournalPort;
import dev.tollgate.application.billing.port.out.RedemptionJournalPort;
import dev.tollgate.application.billing.query.IncentiveSettings;
import dev.tollgate.application.billing.query.InviteCodes;
import dev.tollgate.application.billing.query.InviteDirectory;
import dev.tollgate.application.billing.service.IncentiveService;
import dev.tollgate.application.billing.service.InviteService;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.billing.service.RedemptionService;
import dev.tollgate.application.billing.service.WalletService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import java.security.SecureRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wallets and what credits them: top-ups, redemption codes, sign-up, invite and check-in incentives. */
@Configuration(proxyBeanMethods = false)
public class WalletConfiguration {

    @Bean
    WalletService walletService(
            QuotaLedger ledger,
            UserDirectory users,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            InviteService invites,
            OrganizationDirectory organizations) {
        return new WalletService(ledger, users, commands, clock, ids, freshness, invites, organizations);
    }

    @Bean
    RedemptionDirectory redemptionDirectory(ViewFreshness freshness) {
        return new RedemptionDirectory(freshness);
    }

    @Bean
    RedemptionService redemptionService(
            RedemptionDirectory directory,
            RedemptionJournalPort journal,
            WalletService wallets,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness) {
        return new RedemptionService(directory, journal, wallets, commands, clock, ids, freshness);
    }

    @Bean
    IncentiveSettings incentiveSettings(ViewFreshness freshness) {
        return new IncentiveSettings(freshness);
    }

    @Bean
    IncentiveService incentiveService(
            IncentiveSettings settings,
            CheckInJournalPort journal,
            WalletService wallets,
            CommandGateway commands,
            ClockPort clock,
            ViewFreshness freshness) {
        return new IncentiveService(settings, journal, wallets, commands, clock, freshness);
    }

    /** The invite codes' HMAC key: 256 random bits, made once per installation and kept, encrypted, in the database. */
    @Bean
    InviteCodes inviteCodes(SecretSettingsPort settings) {
        return new InviteCodes(settings.findOrCreate("invite-code-key", () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            return fresh;
        }));
    }

    @Bean
    InviteDirectory inviteDirectory(InviteCodes codes, ViewFreshness freshness) {
        return new InviteDirectory(codes, freshness);
    }

    @Bean
    InviteService inviteService(
            InviteDirectory invites,
            UserDirectory users,
            IncentiveSettings settings,
            InviteJournalPort journal,
            CommandGateway commands,
            ClockPort clock,
            ViewFreshness freshness) {
        return new InviteService(invites, users, settings, journal, commands, clock, freshness);
    }
}
