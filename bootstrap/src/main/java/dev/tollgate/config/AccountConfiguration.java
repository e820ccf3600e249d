package dev.tollgate.config;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.out.EmailCodePort;
import dev.tollgate.application.account.port.out.InviteRewardPort;
import dev.tollgate.application.account.port.out.OneTimeCodePort;
import dev.tollgate.application.account.port.out.OrganizationInvitationPort;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.account.port.out.SecretSettingsPort;
import dev.tollgate.application.account.port.out.SignUpBonusPort;
import dev.tollgate.application.account.query.AccessTokenDirectory;
import dev.tollgate.application.account.service.AccessTokenService;
import dev.tollgate.application.account.service.EmailService;
import dev.tollgate.application.account.service.ExternalSignInService;
import dev.tollgate.application.account.service.LegacyPasswordUpgrade;
import dev.tollgate.application.account.service.LoginService;
import dev.tollgate.application.account.service.RootAccountService;
import dev.tollgate.application.account.service.SignUpBonus;
import dev.tollgate.application.account.service.SigningKeyService;
import dev.tollgate.application.account.service.UserService;
import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.service.AuditLogService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.config.properties.RootAccountProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Users, sign-in (password, external, e-mail), access tokens, the root account and the audit log. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RootAccountProperties.class)
public class AccountConfiguration {

    @Bean
    UserDirectory userDirectory(ViewFreshness freshness) {
        return new UserDirectory(freshness);
    }

    @Bean
    AccessTokenDirectory accessTokenDirectory(ViewFreshness freshness) {
        return new AccessTokenDirectory(freshness);
    }

    @Bean
    AccessTokenService accessTokenService(
            CommandGateway commands,
            AccessTokenDirectory tokens,
            UserDirectory users,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness) {
        return new AccessTokenService(commands, tokens, users, clock, ids, freshness);
    }

    @Bean
    EmailService emailService(
            UserDirectory users,
            CommandGateway commands,
            MailPort mail,
            EmailCodePort codes,
            PasswordHasherPort hasher,
            ClockPort clock,
            ViewFreshness freshness) {
        return new EmailService(users, commands, mail, codes, hasher, clock, freshness);
    }

    @Bean
    UserService userService(
            UserDirectory users,
            PasswordHasherPort hasher,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            SignUpBonusPort incentives,
            InviteRewardPort invites,
            OrganizationInvitationPort organizations) {
        return new UserService(users, hasher, commands, clock, ids, freshness, incentives, invites, organizations);
    }

    @Bean
    SignUpBonus signUpBonus(
            SignUpBonusPort incentives, CommandGateway commands, ClockPort clock, ViewFreshness freshness) {
        return new SignUpBonus(incentives, commands, clock, freshness);
    }

    @Bean
    ExternalSignInService externalSignInService(
            UserDirectory users,
            OneTimeCodePort codes,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            SignUpBonus signUpBonus) {
        return new ExternalSignInService(users, codes, commands, clock, ids, freshness, signUpBonus);
    }

    @Bean
    LoginService loginService(
            UserDirectory users, PasswordHasherPort hasher, ClockPort clock, LegacyPasswordUpgrade upgrade) {
        return new LoginService(users, hasher, clock, upgrade);
    }

    @Bean
    SigningKeyService signingKeyService(SecretSettingsPort settings) {
        return new SigningKeyService(settings);
    }

    @Bean
    RootAccountService rootAccountService(
            UserDirectory users,
            PasswordHasherPort hasher,
            CommandGateway commands,
            ClockPort clock,
            ViewFreshness freshness) {
        return new RootAccountService(users, hasher, commands, clock, freshness);
    }

    @Bean
    AuditLogService auditLogService(AuditLogPort log, OrganizationDirectory organizations) {
        return new AuditLogService(log, organizations);
    }
}
