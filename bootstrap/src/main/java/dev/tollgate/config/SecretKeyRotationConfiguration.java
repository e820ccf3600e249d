package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.secretkey.SecretKeyRotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotating the secret key in place: at start, every stored secret must open with {@code tollgate.secret-key} or
 * {@code tollgate.secret-key-previous} (else the start fails, naming the setting); once the node is ready, the secrets
 * of the previous key are sealed again with the current one on a thread of their own, in bounded batches, shared
 * between nodes that start together.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretKeyRotationProperties.class)
public class SecretKeyRotationConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyRotationConfiguration.class);

    @Bean
    SecretKeyRotation secretKeyRotation(
            JdbcTemplate jdbc, PlatformTransactionManager transactionManager, SecretKeyring keyring) {
        SecretKeyRotation rotation = new SecretKeyRotation(jdbc, new TransactionTemplate(transactionManager), keyring);
        rotation.requireOpenable();
        return rotation;
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> resealOnStart(
            SecretKeyRotation rotation, SecretKeyRotationProperties properties) {
        return ready -> {
            if (properties.resealOnStart()) {
                Thread.ofPlatform()
                        .name("secret-key-reseal")
                        .daemon()
                        .start(() -> reseal(rotation, properties.batchSize()));
            }
        };
    }

    private static void reseal(SecretKeyRotation rotation, int batchSize) {
        try {
            rotation.resealAll(batchSize);
        } catch (RuntimeException e) {
            LOG.error(
                    "sealing the stored secrets again with the current secret key failed; retried at the next start",
                    e);
        }
    }
}
