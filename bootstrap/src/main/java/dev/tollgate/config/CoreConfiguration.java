package dev.tollgate.config;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.common.port.out.IdempotencyPort;
import dev.tollgate.application.common.service.IdempotencyService;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every bounded context uses: the clock, new ids, the views' freshness and idempotent requests. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    @Bean
    ClockPort clockPort() {
        return Instant::now;
    }

    @Bean
    IdGeneratorPort idGeneratorPort() {
        return new RandomIds();
    }

    @Bean
    ViewFreshness viewFreshness() {
        return new ViewFreshness();
    }

    @Bean
    IdempotencyService idempotencyService(IdempotencyPort records) {
        return new IdempotencyService(records);
    }
}
