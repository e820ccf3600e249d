package dev.tollgate.config;

import dev.tollgate.application.account.query.SiteDirectory;
import dev.tollgate.application.account.service.SiteService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.account.Site;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The site settings (name, logo, notice, footer): the {@link Site} aggregate, its view and its use case. */
@Configuration(proxyBeanMethods = false)
public class SiteConfiguration {
    @Bean
    ConfigurerModule siteAggregateModule() {
        return configurer -> configurer.configureAggregate(Site.class);
    }

    @Bean
    SiteDirectory siteDirectory(ViewFreshness freshness) {
        return new SiteDirectory(freshness);
    }

    @Bean
    SiteService siteService(CommandGateway commands, SiteDirectory site, ViewFreshness freshness, ClockPort clock) {
        return new SiteService(commands, site, freshness, clock);
    }
}
