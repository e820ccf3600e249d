package dev.tollgate.config;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.out.BudgetFiguresPort;
import dev.tollgate.application.organization.service.OrganizationService;
import dev.tollgate.application.organization.service.PersonalOrganizations;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Organisations, their members and invitations, and every user's personal organisation. */
@Configuration(proxyBeanMethods = false)
public class OrganizationConfiguration {

    @Bean
    OrganizationDirectory organizationDirectory(ViewFreshness freshness) {
        return new OrganizationDirectory(freshness);
    }

    @Bean
    OrganizationService organizationService(
            CommandGateway commands,
            OrganizationDirectory organizations,
            UserDirectory users,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            BudgetFiguresPort ledger,
            MailPort mail) {
        return new OrganizationService(commands, organizations, users, clock, ids, freshness, ledger, mail);
    }

    @Bean(destroyMethod = "close")
    PersonalOrganizations personalOrganizations(
            CommandGateway commands, OrganizationDirectory organizations, UserDirectory users, ClockPort clock) {
        return new PersonalOrganizations(commands, organizations, users, clock);
    }
}
