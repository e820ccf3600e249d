package dev.tollgate.config;

import dev.tollgate.adapter.out.mail.ReloadingMailAdapter;
import dev.tollgate.adapter.out.mail.SmtpMailAdapter;
import dev.tollgate.application.account.query.IntegrationSettingsDirectory;
import dev.tollgate.config.properties.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outgoing e-mail (SMTP): the server platform admins set in the settings ({@link IntegrationSettingsDirectory}),
 * else the one configured by {@code tollgate.mail.*}; the sender is built again when the server in force changes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
public class MailConfiguration {

    @Bean
    ReloadingMailAdapter mailAdapter(MailProperties mail, IntegrationSettingsDirectory settings) {
        return new ReloadingMailAdapter(() -> {
            IntegrationSettingsDirectory.Mail m = settings.mail();
            return new SmtpMailAdapter.Settings(
                    m.host(), m.port(), m.username(), m.password(), m.from(), m.startTls(), mail.timeout());
        });
    }
}
