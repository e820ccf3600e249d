package dev.tollgate.config;

import dev.tollgate.adapter.out.provider.tokenizer.JtokkitTokenCounter;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.MeteringService;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.application.relay.port.out.RelayTracingPort;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.relay.service.ChannelRouter;
import dev.tollgate.application.relay.service.FailoverRelay;
import dev.tollgate.application.relay.service.KeyAuthenticator;
import dev.tollgate.application.relay.service.RateLimiter;
import dev.tollgate.application.relay.service.RelayService;
import dev.tollgate.application.relay.service.RelaySettings;
import dev.tollgate.application.relay.service.UpstreamAttempt;
import dev.tollgate.application.token.port.in.KeyLastUsedUseCase;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.config.properties.RelayProperties;
import dev.tollgate.config.properties.UpstreamProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay's request path and the billing port it uses: key authentication, the channel router, one upstream
 * attempt, failover, and metering (admission and settlement) behind {@link MeteringUseCase}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RelayProperties.class, UpstreamProperties.class})
public class RelayConfiguration {
    @Bean
    MeteringService meteringService(PriceBook prices, QuotaLedger ledger, BillingJournal journal, ClockPort clock) {
        return new MeteringService(prices, ledger, journal, clock);
    }

    @Bean
    KeyAuthenticator keyAuthenticator(
            TokenDirectory tokens,
            UserDirectory users,
            OrganizationDirectory organizations,
            KeyLastUsedUseCase lastUsed,
            ClockPort clock) {
        return new KeyAuthenticator(tokens, users, organizations, lastUsed, clock);
    }

    @Bean
    UpstreamAttempt upstreamAttempt(ChatUpstreamPort upstream, RelaySettings settings) {
        return new UpstreamAttempt(upstream, settings);
    }

    @Bean
    FailoverRelay failoverRelay(
            ChannelRouter router, UpstreamAttempt attempt, RelayMetricsPort metrics, RelaySettings settings) {
        return new FailoverRelay(router, attempt, metrics, settings);
    }

    @Bean
    RelayService relayService(
            KeyAuthenticator keys,
            ChannelDirectory channels,
            OrganizationDirectory organizations,
            RateLimiter rateLimiter,
            MeteringUseCase metering,
            FailoverRelay failover,
            TokenCounterPort tokenCounter,
            RelayMetricsPort metrics,
            IdGeneratorPort ids,
            RelaySettings settings,
            RelayTracingPort tracing) {
        return new RelayService(
                keys,
                channels,
                organizations,
                rateLimiter,
                metering,
                failover,
                tokenCounter,
                metrics,
                ids,
                settings,
                tracing);
    }

    @Bean
    RelaySettings relaySettings(RelayProperties relay, UpstreamProperties upstream) {
        return new RelaySettings(
                relay.maxRetries(),
                relay.defaultMaxTokens(),
                upstream.firstByteTimeout(),
                upstream.streamFirstByteTimeout(),
                relay.breaker().failureThreshold(),
                relay.breaker().openDuration(),
                relay.breaker().rejectedKeyPause(),
                relay.breaker().stalledAfter());
    }

    @Bean
    TokenCounterPort tokenCounterPort() {
        return new JtokkitTokenCounter();
    }
}
