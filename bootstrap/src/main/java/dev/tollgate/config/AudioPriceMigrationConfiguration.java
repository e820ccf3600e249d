package dev.tollgate.config;

import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.service.AudioPriceMigration;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Moves old {@code <model>:audio} price entries into their model's {@code audioInput} / {@code audioOutput} prices at
 * every start (a start with none left does nothing), after the views replayed the event log and before the port opens.
 */
@Configuration(proxyBeanMethods = false)
public class AudioPriceMigrationConfiguration {

    @Bean
    AudioPriceMigration audioPriceMigration(
            CommandGateway commands, PriceBook book, ClockPort clock, ViewFreshness freshness) {
        return new AudioPriceMigration(commands, book, clock, freshness);
    }

    @Bean
    AudioPricesOnStart audioPricesOnStart(AudioPriceMigration migration) {
        return new AudioPricesOnStart(migration);
    }

    /** Runs right after {@link StartupCoordinator} (views complete), before the web server starts. */
    static final class AudioPricesOnStart extends StartupStep {
        private static final Logger log = LoggerFactory.getLogger(AudioPricesOnStart.class);
        private final AudioPriceMigration migration;

        AudioPricesOnStart(AudioPriceMigration migration) {
            this.migration = migration;
        }

        @Override
        protected void run() {
            AudioPriceMigration.Result result = migration.migrate();
            if (!result.migrated().isEmpty() || !result.left().isEmpty()) {
                log.info(
                        "old ':audio' prices: {} moved into their model's audio prices, {} left as they were (warned above)",
                        result.migrated().size(),
                        result.left().size());
            }
        }
    }
}
