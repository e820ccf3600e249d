package dev.tollgate.config;

import dev.tollgate.adapter.out.provider.ProviderAdapters;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.balance.UpstreamBalanceClient;
import dev.tollgate.adapter.out.provider.fetch.PrivateChannelAddressGuard;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.channel.service.ChannelAccess;
import dev.tollgate.application.channel.service.ChannelBalanceService;
import dev.tollgate.application.channel.service.ChannelHealthService;
import dev.tollgate.application.channel.service.ChannelService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.config.properties.ChannelsProperties;
import dev.tollgate.config.properties.RelayProperties;
import dev.tollgate.config.properties.UpstreamProperties;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Channels, the upstream clients that call them (behind the private-channel SSRF guard), probes and balances. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ChannelsProperties.class, UpstreamProperties.class, RelayProperties.class})
public class ChannelConfiguration {
    /** The most bytes of an upstream error body kept for the client's error message. */
    private static final int MAX_ERROR_BODY_BYTES = 65_536;

    @Bean
    ChannelDirectory channelDirectory(ChannelSecretPort secrets, ViewFreshness freshness) {
        return new ChannelDirectory(secrets, freshness);
    }

    @Bean
    ChannelAccess channelAccess(ChannelDirectory channels, OrganizationDirectory organizations) {
        return new ChannelAccess(channels, organizations);
    }

    /** The SSRF guard of private channels' base URLs; the listed hosts are exempt (tests use local fake upstreams). */
    @Bean
    PrivateChannelAddressGuard privateChannelAddressGuard(ChannelsProperties channels) {
        return new PrivateChannelAddressGuard(channels.privateHostsAllowed());
    }

    @Bean
    ChannelService channelService(
            CommandGateway commands,
            ChannelDirectory channels,
            ChannelSecretPort secrets,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            ChannelAccess access,
            PrivateChannelAddressGuard addresses) {
        return new ChannelService(commands, channels, secrets, clock, ids, freshness, access, addresses);
    }

    /** Every upstream call of a private channel first passes the SSRF guard of its base URL. */
    @Bean
    ChatUpstreamPort chatUpstreamPort(
            UpstreamProperties upstream, PrivateChannelAddressGuard addresses, ChannelDirectory channels) {
        boolean blocking = upstream.transport() == UpstreamProperties.Transport.BLOCKING;
        return addresses.guard(
                ProviderAdapters.create(new ProviderHttpSettings(
                        upstream.connectTimeout(),
                        upstream.streamIdleTimeout(),
                        MAX_ERROR_BODY_BYTES,
                        blocking,
                        blocking ? addresses.connectAddresses(channels::privateChannel) : null)),
                channels::privateChannel);
    }

    @Bean
    UpstreamBalancePort upstreamBalancePort(
            UpstreamProperties upstream,
            RelayProperties relay,
            PrivateChannelAddressGuard addresses,
            ChannelDirectory channels) {
        return addresses.guard(
                new UpstreamBalanceClient(
                        HttpClient.newBuilder()
                                .connectTimeout(upstream.connectTimeout())
                                .followRedirects(HttpClient.Redirect.NEVER)
                                .executor(Executors.newVirtualThreadPerTaskExecutor())
                                .build(),
                        relay.balanceTimeout()),
                channels::privateChannel);
    }

    @Bean
    ChannelBalanceService channelBalanceService(
            ChannelDirectory channels, UpstreamBalancePort provider, ClockPort clock) {
        return new ChannelBalanceService(channels, provider, clock);
    }

    @Bean
    ChannelHealthService channelHealthService(
            CommandGateway commands,
            ChannelDirectory channels,
            ChatUpstreamPort upstream,
            ClockPort clock,
            RelayProperties relay,
            ViewFreshness freshness,
            ChannelAccess access) {
        return new ChannelHealthService(commands, channels, upstream, clock, relay.probeTimeout(), freshness, access);
    }
}
