package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.billing.DefaultPriceTableResourceAdapter;
import dev.tollgate.application.billing.port.in.DefaultPricesUseCase;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.service.DefaultPriceService;
import dev.tollgate.application.common.Caller;
import dev.tollgate.config.properties.PricesProperties;
import dev.tollgate.domain.account.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default price table shipped in the jar: {@code POST /api/v1/prices/defaults} loads it on request; with
 * {@code tollgate.prices.load-defaults=true} it is also loaded at every start for the models that have no price yet
 * (never overwriting one), as root, after the views replayed the event log and before the port opens.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PricesProperties.class)
public class DefaultPricesConfiguration {

    @Bean
    DefaultPriceTableResourceAdapter defaultPriceTableResourceAdapter() {
        return new DefaultPriceTableResourceAdapter();
    }

    @Bean
    DefaultPriceService defaultPriceService(
            DefaultPriceTableResourceAdapter table, PriceBook book, SetPriceUseCase prices) {
        return new DefaultPriceService(table, book, prices);
    }

    @Bean
    DefaultPricesOnStart defaultPricesOnStart(DefaultPricesUseCase defaults, PricesProperties prices) {
        return new DefaultPricesOnStart(defaults, prices.loadDefaults());
    }

    /** Runs right after {@link StartupCoordinator} (views complete, root exists), before the web server starts. */
    static final class DefaultPricesOnStart extends StartupStep {
        private static final Logger log = LoggerFactory.getLogger(DefaultPricesOnStart.class);
        private final DefaultPricesUseCase defaults;
        private final boolean enabled;

        DefaultPricesOnStart(DefaultPricesUseCase defaults, boolean enabled) {
            this.defaults = defaults;
            this.enabled = enabled;
        }

        @Override
        protected void run() {
            if (enabled) {
                DefaultPricesUseCase.Result result =
                        defaults.loadDefaults(false, new Caller(UserId.ROOT.value(), true));
                log.info(
                        "default price table (prices as of {}): {} models priced, {} kept their own price",
                        result.pricesAsOf(),
                        result.set().size(),
                        result.kept().size());
            }
        }
    }
}
