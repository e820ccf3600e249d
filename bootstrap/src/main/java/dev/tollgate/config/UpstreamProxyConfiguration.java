package dev.tollgate.config;

import dev.tollgate.application.channel.query.UpstreamProxies;
import dev.tollgate.application.channel.service.ChannelAccess;
import dev.tollgate.application.channel.service.UpstreamProxyService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.relay.service.ProxiedChatUpstream;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.domain.channel.UpstreamProxyPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * Outbound proxies: the {@link UpstreamProxyPolicy} aggregate, the view of the proxies (credentials decrypted from
 * the channel secret store), the admin use case, and the upstream port of the relay, tests and probes wrapped so that
 * a channel with a proxy (its own or the installation's) is called through it.
 */
@Configuration(proxyBeanMethods = false)
public class UpstreamProxyConfiguration {
    @Bean
    ConfigurerModule upstreamProxyAggregateModule() {
        return configurer -> configurer.configureAggregate(UpstreamProxyPolicy.class);
    }

    @Bean
    UpstreamProxies upstreamProxies(ChannelSecretPort secrets, ViewFreshness freshness) {
        return new UpstreamProxies(secrets, freshness);
    }

    @Bean
    UpstreamProxyService upstreamProxyService(
            CommandGateway commands,
            UpstreamProxies proxies,
            ChannelSecretPort secrets,
            ChannelAccess access,
            ClockPort clock,
            ViewFreshness freshness) {
        return new UpstreamProxyService(commands, proxies, secrets, access, clock, freshness);
    }

    /**
     * Wraps the upstream port (whoever builds it) in {@link ProxiedChatUpstream}, outside the SSRF guard: the guard
     * still checks the channel's own base URL, the final host, whatever proxy the call then takes. The view is looked
     * up at the first call, not while the port is being made.
     */
    @Bean
    static BeanPostProcessor proxiedChatUpstream(ObjectProvider<UpstreamProxies> proxies) {
        SingletonSupplier<UpstreamProxies> view = SingletonSupplier.of(proxies::getObject);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ChatUpstreamPort port && !(bean instanceof ProxiedChatUpstream)
                        ? new ProxiedChatUpstream(
                                port, channelId -> view.obtain().forChannel(channelId))
                        : bean;
            }
        };
    }
}
