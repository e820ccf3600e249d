package dev.tollgate.config;

import dev.tollgate.application.account.port.in.RoleOrder;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.billing.port.in.KeySpendingUseCase;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.relay.port.out.RateLimitPort;
import dev.tollgate.application.relay.service.RateLimiter;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.token.port.in.UserRateLimits;
import dev.tollgate.application.token.port.out.KeyUsagePort;
import dev.tollgate.application.token.service.LastUsedTracker;
import dev.tollgate.application.token.service.TokenService;
import dev.tollgate.config.properties.KeysProperties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** API keys, their "last used" times and the rate limits of keys and users. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeysProperties.class)
public class TokenConfiguration {

    @Bean
    TokenDirectory tokenDirectory(ViewFreshness freshness) {
        return new TokenDirectory(freshness);
    }

    @Bean
    TokenService tokenService(
            CommandGateway commands,
            TokenDirectory tokens,
            KeySpendingUseCase ledger,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            LastUsedTracker lastUsed,
            UserRateLimits userLimits,
            OrganizationDirectory organizations,
            UserDirectory users) {
        return new TokenService(
                commands,
                tokens,
                ledger,
                clock,
                ids,
                freshness,
                lastUsed,
                userLimits,
                organizations,
                new RoleOrder(users));
    }

    @Bean
    UserRateLimits userRateLimits(ViewFreshness freshness) {
        return new UserRateLimits(freshness);
    }

    @Bean
    LastUsedTracker lastUsedTracker(KeyUsagePort store) {
        return new LastUsedTracker(store);
    }

    /** One background thread sending the rate-limit corrections (settlement, refusals) off the request thread. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService rateLimitCorrections() {
        return Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("rate-limit-corrections").factory());
    }

    @Bean
    RateLimiter rateLimiter(
            RateLimitPort buckets,
            UserRateLimits userLimits,
            UserDirectory users,
            ExecutorService rateLimitCorrections,
            OrganizationDirectory organizations) {
        return new RateLimiter(buckets, userLimits, users, rateLimitCorrections, organizations);
    }
}
