package dev.tollgate.config;

import dev.tollgate.adapter.out.mail.SmtpMailAdapter;
import dev.tollgate.config.properties.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outgoing e-mail (SMTP), configured by {@code tollgate.mail.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
public class MailConfiguration {

    @Bean
    SmtpMailAdapter mailAdapter(MailProperties mail) {
        return new SmtpMailAdapter(new SmtpMailAdapter.Settings(
                mail.host(),
                mail.port(),
                mail.username(),
                mail.password(),
                mail.from(),
                mail.starttls(),
                mail.timeout()));
    }
}
