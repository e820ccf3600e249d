package dev.tollgate.adapter.in.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The web console's static files ({@code /}, {@code /index.html}, {@code /console/**}, served from the jar's
 * {@code static/} folder): readable without signing in (the pages hold no data; the data comes from {@code /api}
 * with the session cookie), under a strict Content-Security-Policy: scripts, styles, images and API calls from this
 * origin only, no inline script or style, no framing, no plugins.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {
    /** The console's Content-Security-Policy. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                        && isConsolePath(request.getRequestURI()
                                .substring(request.getContextPath().length())))
                .csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    static boolean isConsolePath(String path) {
        return path.equals("/")
                || path.equals("/index.html")
                || path.equals("/favicon.svg")
                || path.startsWith("/console/") && !path.contains("..");
    }
}
