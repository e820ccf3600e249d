package dev.tollgate.config;

import dev.tollgate.adapter.out.provider.openai.OpenAiRealtimeUpstream;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.in.RealtimeUseCase;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamPort;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.relay.service.ChannelRouter;
import dev.tollgate.application.relay.service.KeyAuthenticator;
import dev.tollgate.application.relay.service.RateLimiter;
import dev.tollgate.application.relay.service.RealtimeService;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Realtime sessions ({@code GET /v1/realtime}): the use case, the OpenAI / Azure OpenAI WebSocket upstream, and the
 * sweep that ends idle and expired sessions once a second.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RealtimeProperties.class)
public class RealtimeConfiguration {
    @Bean
    RealtimeUpstreamPort realtimeUpstream(RealtimeProperties properties) {
        return new OpenAiRealtimeUpstream(properties.connectTimeout(), properties.maxUpstreamEventBytes());
    }

    @Bean
    RealtimeService realtimeService(
            KeyAuthenticator keys,
            ChannelDirectory channels,
            ChannelRouter router,
            MeteringUseCase metering,
            RateLimiter rateLimiter,
            RealtimeUpstreamPort upstream,
            TokenCounterPort tokenCounter,
            IdGeneratorPort ids,
            RealtimeProperties properties) {
        return new RealtimeService(
                keys, channels, router, metering, rateLimiter, upstream, tokenCounter, ids, properties.settings());
    }

    @Bean
    RealtimeSessionSweep realtimeSessionSweep(RealtimeUseCase realtime) {
        return new RealtimeSessionSweep(realtime);
    }

    /** Ends idle and expired realtime sessions, once a second. */
    static final class RealtimeSessionSweep extends PeriodicJobs {
        private final RealtimeUseCase realtime;

        RealtimeSessionSweep(RealtimeUseCase realtime) {
            super("realtime-sweep");
            this.realtime = realtime;
        }

        @Override
        protected void schedule() {
            every(Duration.ofSeconds(1), Duration.ofSeconds(1), "realtime session sweep", realtime::expireSessions);
        }
    }
}
