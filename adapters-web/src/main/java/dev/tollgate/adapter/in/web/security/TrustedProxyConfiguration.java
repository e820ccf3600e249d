package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.ClientAddresses;
import dev.tollgate.adapter.in.web.relay.RelayWebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@link TrustedProxyFilter} first on the admin API and the browser sign-in paths, only when
 * {@code tollgate.relay.trusted-proxies} names a proxy (none by default: then no filter runs at all).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayWebProperties.class)
public class TrustedProxyConfiguration {

    @Bean
    FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(RelayWebProperties settings) {
        ClientAddresses addresses = new ClientAddresses(settings.trustedProxies());
        FilterRegistrationBean<TrustedProxyFilter> registration =
                new FilterRegistrationBean<>(new TrustedProxyFilter(addresses));
        registration.addUrlPatterns("/api/*", "/oauth2/*", "/login/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(addresses.trustsAnyProxy());
        return registration;
    }
}
