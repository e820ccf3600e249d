package dev.tollgate.adapter.in.web.auth.external;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.application.account.port.in.ExternalSignInUseCase;
import dev.tollgate.application.account.port.out.AuthorizationRequestPort;
import dev.tollgate.application.account.query.IntegrationSettingsDirectory;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.account.IdentityProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.client.RestClient;

/**
 * Sign-in with GitHub, Feishu/Lark and an OIDC provider (spring-boot-starter-oauth2-client's authorization-code
 * flow), on a filter chain of its own that covers only the browser paths {@code /oauth2/authorization/{provider}}
 * and {@code /login/oauth2/code/{provider}}. Neither chain uses a session: between the redirect and the callback the
 * authorization request is kept in the database shared by every node and bound to the browser by a cookie
 * ({@link SharedAuthorizationRequestRepository}), so the callback may reach any node; {@code /api/**} stays stateless
 * with bearer tokens, untouched by it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExternalLoginSettings.class)
public class ExternalLoginConfiguration {

    @Bean
    CurrentExternalLogin currentExternalLogin(ExternalLoginSettings settings, IntegrationSettingsDirectory directory) {
        return new CurrentExternalLogin(settings, directory);
    }

    @Bean
    ExternalClientRegistrations externalClientRegistrations(CurrentExternalLogin settings) {
        return new ExternalClientRegistrations(settings);
    }

    @Bean
    BrowserHandOff browserHandOff(ExternalLoginSettings settings, Problems problems, ObjectMapper json) {
        return new BrowserHandOff(settings, problems, json);
    }

    @Bean
    @Order(1)
    SecurityFilterChain externalLoginFilterChain(
            HttpSecurity http,
            ExternalClientRegistrations registrations,
            ExternalSignInUseCase signIn,
            ExternalLoginSettings settings,
            CurrentExternalLogin current,
            BrowserHandOff handOff,
            AuthorizationRequestPort authorizationRequests,
            ClockPort clock)
            throws Exception {
        ExternalLoginHandlers handlers = new ExternalLoginHandlers(signIn, current, handOff);
        http.securityMatcher(LinkAwareAuthorizationRequestResolver.BASE_URI + "/**", "/login/oauth2/code/**")
                .csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // the signed-in OAuth principal is never kept: the callback ends in a one-time hand-off code
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .oauth2Login(o -> o.clientRegistrationRepository(registrations)
                        .authorizedClientRepository(new NoAuthorizedClients())
                        .authorizationEndpoint(a -> a.baseUri(LinkAwareAuthorizationRequestResolver.BASE_URI)
                                .authorizationRequestResolver(
                                        new LinkAwareAuthorizationRequestResolver(registrations, signIn))
                                .authorizationRequestRepository(new SharedAuthorizationRequestRepository(
                                        authorizationRequests, clock, settings.authorizationRequestTtl())))
                        .tokenEndpoint(t -> t.accessTokenResponseClient(tokenResponseClient()))
                        .userInfoEndpoint(u -> u.userService(userService()).oidcUserService(new OidcUserService()))
                        .successHandler(handlers)
                        .failureHandler(handlers));
        return http.build();
    }

    /** Feishu's token endpoint speaks JSON; GitHub's and the OIDC provider's the standard form post. */
    private static OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenResponseClient() {
        RestClientAuthorizationCodeTokenResponseClient standard = new RestClientAuthorizationCodeTokenResponseClient();
        standard.setRestClient(RestClient.builder()
                .requestFactory(ProviderHttp.requestFactory())
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        FeishuTokenResponseClient feishu = new FeishuTokenResponseClient();
        return request -> IdentityProvider.FEISHU
                        .code()
                        .equals(request.getClientRegistration().getRegistrationId())
                ? feishu.getTokenResponse(request)
                : standard.getTokenResponse(request);
    }

    private static OAuth2UserService<OAuth2UserRequest, OAuth2User> userService() {
        GitHubUserService github = new GitHubUserService();
        FeishuUserService feishu = new FeishuUserService();
        return request -> IdentityProvider.FEISHU
                        .code()
                        .equals(request.getClientRegistration().getRegistrationId())
                ? feishu.loadUser(request)
                : github.loadUser(request);
    }

    /** The providers' access tokens are not kept: Tollgate only needs to know who signed in. */
    private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {
        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                String clientRegistrationId, Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                OAuth2AuthorizedClient authorizedClient,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {
            // nothing kept
        }

        @Override
        public void removeAuthorizedClient(
                String clientRegistrationId,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {
            // nothing kept
        }
    }
}
