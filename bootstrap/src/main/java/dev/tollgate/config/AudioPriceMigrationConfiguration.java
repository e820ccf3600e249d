package dev.tollgate.config;

import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.service.AudioPriceMigration;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
    static final class AudioPricesOnStart implements SmartLifecycle {
        private static final Logger log = LoggerFactory.getLogger(AudioPricesOnStart.class);
        private final AudioPriceMigration migration;
        private volatile boolean running;

        AudioPricesOnStart(AudioPriceMigration migration) {
            this.migration = migration;
        }

        @Override
        public int getPhase() {
            return StartupCoordinator.PHASE + 1;
        }

        @Override
        public void start() {
            AudioPriceMigration.Result result = migration.migrate();
            if (!result.migrated().isEmpty() || !result.left().isEmpty()) {
                log.info(
                        "old ':audio' prices: {} moved into their model's audio prices, {} left (no model price)",
                        result.migrated().size(),
                        result.left().size());
            }
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
