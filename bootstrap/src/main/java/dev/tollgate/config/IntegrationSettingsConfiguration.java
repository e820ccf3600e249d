package dev.tollgate.config;

import dev.tollgate.adapter.in.web.auth.external.CurrentExternalLogin;
import dev.tollgate.adapter.in.web.auth.external.ExternalLoginSettings;
import dev.tollgate.application.account.query.IntegrationSettingsDirectory;
import dev.tollgate.application.account.service.IntegrationSettingsService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.config.properties.MailProperties;
import dev.tollgate.domain.account.IntegrationSettings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SMTP server and the external sign-in providers set by platform admins without a restart: the
 * {@link IntegrationSettings} aggregate, the view of the settings in force (secrets decrypted from the secret store;
 * the server configuration's {@code tollgate.mail.*} and {@code tollgate.auth.*} where nothing is set) and the admin
 * use case. The mail sender ({@link MailConfiguration}) and the OAuth client registrations read the view on every use.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrationSettingsConfiguration {
    @Bean
    ConfigurerModule integrationSettingsAggregateModule() {
        return configurer -> configurer.configureAggregate(IntegrationSettings.class);
    }

    @Bean
    IntegrationSettingsDirectory integrationSettingsDirectory(
            ChannelSecretPort secrets, ViewFreshness freshness, MailProperties mail, ExternalLoginSettings auth) {
        return new IntegrationSettingsDirectory(
                secrets,
                freshness,
                new IntegrationSettingsDirectory.Mail(
                        mail.host(), mail.port(), mail.username(), mail.password(), mail.from(), mail.starttls()),
                CurrentExternalLogin.configuredProviders(auth));
    }

    @Bean
    IntegrationSettingsService integrationSettingsService(
            CommandGateway commands,
            IntegrationSettingsDirectory settings,
            ChannelSecretPort secrets,
            MailPort mail,
            ViewFreshness freshness,
            ClockPort clock) {
        return new IntegrationSettingsService(commands, settings, secrets, mail, freshness, clock);
    }
}
