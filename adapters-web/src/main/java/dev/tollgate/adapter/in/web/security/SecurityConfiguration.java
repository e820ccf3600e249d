package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.error.Problems;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;

/**
 * Stateless bearer-token security for {@code /api/**}. The relay paths are open here because the relay checks API
 * keys itself (against its in-memory view), answering in OpenAI's error shape. The browser paths of the external
 * sign-in have a filter chain of their own, ahead of this one ({@code ExternalLoginConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
public class SecurityConfiguration {

    /**
     * The relay checks API keys itself (against its in-memory view) and answers in OpenAI's error shape; it needs
     * none of Spring Security's filters (no session, no CSRF, no bearer JWT: an {@code sk-} key is not a JWT), and
     * skipping them is a measurable part of the relay's per-request cost.
     */
    /** The firewall's refusals answered in the API's own error shape (picked up by Spring Security's filter). */
    @Bean
    RequestRejectedHandler rejectedRequests(Problems problems) {
        return new RejectedRequests(problems);
    }

    @Bean
    WebSecurityCustomizer relayOutsideSecurityFilters() {
        return web -> web.ignoring().requestMatchers("/v1/**", "/v1beta/**", "/dashboard/**");
    }

    /**
     * Spring Boot's registration of Spring Security's filter, switched off: {@link #securityFilterOutsideRelay}
     * registers the same filter, at the same order and for the same dispatcher types, behind a check that lets plain
     * relay paths go straight on.
     */
    static final String BOOT_SECURITY_FILTER_REGISTRATION = "securityFilterChainRegistration";

    @Bean
    static BeanPostProcessor bootSecurityFilterRegistrationOff() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && BOOT_SECURITY_FILTER_REGISTRATION.equals(name)) {
                    registration.setEnabled(false);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<SecurityFilterOutsideRelay> securityFilterOutsideRelay(
            SecurityProperties properties, WebApplicationContext context) {
        DelegatingFilterProxy security =
                new DelegatingFilterProxy(AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME, context);
        FilterRegistrationBean<SecurityFilterOutsideRelay> registration =
                new FilterRegistrationBean<>(new SecurityFilterOutsideRelay(security));
        registration.setName("securityFilterOutsideRelay");
        registration.setOrder(properties.getFilter().getOrder());
        registration.setDispatcherTypes(EnumSet.copyOf(properties.getFilter().getDispatcherTypes().stream()
                .map(type -> DispatcherType.valueOf(type.name()))
                .toList()));
        return registration;
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, AccessTokens tokens, Problems problems, PersonalAccessTokens personalTokens)
            throws Exception {
        http.csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET, "/api/status")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/register")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/session", "/api/v1/auth/session/external")
                        .permitAll()
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/auth/session")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.POST, "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/auth/registration", "/api/v1/auth/providers")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/site")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/oauth/exchange")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // per-model, per-channel spending is not public: a platform admin's bearer (a scraper
                        // uses a personal access token of scope read)
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .access((auth, context) ->
                                new AuthorizationDecision(CallerRestrictions.platformAdmin(auth.get())))
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(o -> o.jwt(
                                j -> j.decoder(token -> PersonalAccessTokens.isPersonalAccessToken(token)
                                        ? personalTokens.decode(token)
                                        : tokens.decoder().decode(token)))
                        .authenticationEntryPoint((request, response, e) -> problems.write(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "unauthorized",
                                "a valid bearer token is required: POST /api/v1/auth/login first"))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                request, response, HttpStatus.FORBIDDEN, "forbidden", "you may not do this")))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problems.write(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "unauthorized",
                                "a valid bearer token is required: POST /api/v1/auth/login first"))
                        .accessDeniedHandler((request, response, ex) -> problems.write(
                                request, response, HttpStatus.FORBIDDEN, "forbidden", "you may not do this")));
        http.addFilterBefore(new BrowserSessionFilter(tokens, problems), BearerTokenAuthenticationFilter.class);
        http.addFilterAfter(personalTokens.scopeFilter(problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
