package dev.tollgate.config;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Spring's generic per-request HTTP observation ({@code http_server_requests_seconds}) for the admin API only. The
 * relay records its own, richer metrics; on its paths ({@code /v1/**}) the observation filter is not run at all
 * (creating a skipped observation still cost 2 % of a relayed request's CPU). With tracing on
 * ({@code tollgate.tracing.enabled}) Spring Boot's own filter observes every path: that observation is the relay
 * request's span.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tollgate.tracing.enabled", havingValue = "false", matchIfMissing = true)
public class RelayPathsObservation {
    static final String RELAY_PATHS = "/v1/";

    /** Replaces Spring Boot's registration of the same filter (which backs off when this bean exists). */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(
            ObservationRegistry registry, ObservationProperties properties) {
        String name = properties.getHttp().getServer().getRequests().getName();
        ServerHttpObservationFilter filter =
                new ServerHttpObservationFilter(registry, new DefaultServerRequestObservationConvention(name)) {
                    @Override
                    protected boolean shouldNotFilter(HttpServletRequest request) {
                        return request.getRequestURI().startsWith(RELAY_PATHS);
                    }
                };
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }
}
