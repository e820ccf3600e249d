package dev.tollgate.config;

import dev.tollgate.adapter.out.provider.fetch.PrivateChannelAddressGuard;
import dev.tollgate.adapter.out.provider.models.UpstreamModelsClient;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.TestChannelUseCase;
import dev.tollgate.application.channel.port.out.UpstreamModelsPort;
import dev.tollgate.application.channel.service.ChannelAccess;
import dev.tollgate.application.channel.service.TestAllChannelsService;
import dev.tollgate.application.channel.service.UpstreamModelsService;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The channel tools the console uses: reading a channel's model list from its upstream (through the same SSRF guard
 * as the relay) and testing every channel at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelToolsProperties.class)
public class ChannelToolsConfiguration {
    @Bean
    UpstreamModelsPort upstreamModelsPort(
            ChannelToolsProperties properties, PrivateChannelAddressGuard addresses, ChannelDirectory channels) {
        return addresses.guard(
                new UpstreamModelsClient(
                        HttpClient.newBuilder()
                                .connectTimeout(properties.modelsTimeout())
                                .followRedirects(HttpClient.Redirect.NEVER)
                                .executor(Executors.newVirtualThreadPerTaskExecutor())
                                .build(),
                        properties.modelsTimeout()),
                channels::privateChannel);
    }

    @Bean
    UpstreamModelsService upstreamModelsService(
            ChannelDirectory channels, ChannelAccess access, UpstreamModelsPort provider) {
        return new UpstreamModelsService(channels, access, provider);
    }

    @Bean
    TestAllChannelsService testAllChannelsService(ChannelDirectory channels, TestChannelUseCase tester) {
        return new TestAllChannelsService(channels, tester);
    }
}
