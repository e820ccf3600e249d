package dev.tollgate.adapter.in.web.auth.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.account.port.out.AuthorizationRequestPort.StoredAuthorizationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.web.util.UriUtils;

/**
 * How an authorization request is written to the shared store and read back: field by field, the state only as a
 * hash (not even inside the stored authorization URI), everything else (PKCE verifier, OIDC nonce, the link user)
 * exactly as Spring made it.
 */
class SharedAuthorizationRequestRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static OAuth2AuthorizationRequest started(String registrationId, String... scopes) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(registrationId)
                .clientId("client-" + registrationId)
                .clientSecret("secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(ExternalClientRegistrations.REDIRECT_URI)
                .scope(scopes)
                .authorizationUri("https://idp.example/authorize?tenant=corp")
                .tokenUri("https://idp.example/token")
                .userInfoUri("https://idp.example/userinfo")
                .userNameAttributeName("sub")
                .jwkSetUri("https://idp.example/jwks")
                .build();
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                new InMemoryClientRegistrationRepository(registration), LinkAwareAuthorizationRequestResolver.BASE_URI);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        MockHttpServletRequest request = new MockHttpServletRequest(
                "GET", LinkAwareAuthorizationRequestResolver.BASE_URI + "/" + registrationId);
        request.setServletPath(LinkAwareAuthorizationRequestResolver.BASE_URI + "/" + registrationId);
        OAuth2AuthorizationRequest resolved = resolver.resolve(request);
        return OAuth2AuthorizationRequest.from(resolved)
                .attributes(a -> a.put(LinkAwareAuthorizationRequestResolver.LINK_USER, "user-7"))
                .build();
    }

    @Test
    void givenAnOidcRequestWithPkce_whenStoredAndRebuilt_thenEveryFieldIsBackAndTheStateIsStoredNowhere() {
        // given
        OAuth2AuthorizationRequest original = started("oidc", "openid", "profile", "email");
        String state = original.getState();

        // when
        StoredAuthorizationRequest stored = SharedAuthorizationRequestRepository.toStored(
                original,
                SharedAuthorizationRequestRepository.sha256(state),
                "b".repeat(64),
                NOW,
                NOW.plus(Duration.ofMinutes(10)));
        OAuth2AuthorizationRequest rebuilt = SharedAuthorizationRequestRepository.rebuild(stored, state);

        // then: the state is nowhere in what is stored, except as its hash
        assertThat(stored.stateHash()).hasSize(64).isNotEqualTo(state);
        assertThat(stored.authorizationRequestUri())
                .doesNotContain(state)
                .doesNotContain(UriUtils.encodeQueryParam(state, StandardCharsets.UTF_8))
                .contains("state=&")
                .contains("code_challenge=");
        assertThat(stored.additionalParameters().values()).doesNotContain(state);
        assertThat(stored.attributes().values()).doesNotContain(state);
        assertThat(stored.attributes())
                .containsKeys(
                        PkceParameterNames.CODE_VERIFIER,
                        OidcParameterNames.NONCE,
                        LinkAwareAuthorizationRequestResolver.LINK_USER);
        // and the request comes back as Spring made it
        assertThat(rebuilt.getState()).isEqualTo(state);
        assertThat(rebuilt.getAuthorizationRequestUri()).isEqualTo(original.getAuthorizationRequestUri());
        assertThat(rebuilt.getAuthorizationUri()).isEqualTo(original.getAuthorizationUri());
        assertThat(rebuilt.getClientId()).isEqualTo(original.getClientId());
        assertThat(rebuilt.getRedirectUri()).isEqualTo(original.getRedirectUri());
        assertThat(rebuilt.getScopes()).containsExactlyElementsOf(original.getScopes());
        assertThat(rebuilt.getGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
        assertThat(rebuilt.getAdditionalParameters()).isEqualTo(original.getAdditionalParameters());
        assertThat(rebuilt.getAttributes()).isEqualTo(original.getAttributes());
        assertThat((String) rebuilt.getAttribute(PkceParameterNames.CODE_VERIFIER))
                .isEqualTo(original.getAttribute(PkceParameterNames.CODE_VERIFIER));
        assertThat((String) rebuilt.getAttribute(OidcParameterNames.NONCE))
                .isEqualTo(original.getAttribute(OidcParameterNames.NONCE));
    }

    @Test
    void givenAStateThatNeedsEncoding_whenLeftOutAndPutBack_thenTheUriIsTheSame() {
        String uri = "https://github.example/authorize?response_type=code&state=a%20b%3D&redirect_uri=x";

        String without = SharedAuthorizationRequestRepository.withoutState(uri, "a b=");

        assertThat(without).isEqualTo("https://github.example/authorize?response_type=code&state=&redirect_uri=x");
        assertThat(SharedAuthorizationRequestRepository.withState(without, "a b="))
                .isEqualTo(uri);
        assertThat(SharedAuthorizationRequestRepository.withState(
                        SharedAuthorizationRequestRepository.withoutState("https://a.example/?state=s1", "s1"), "s1"))
                .isEqualTo("https://a.example/?state=s1");
        assertThatThrownBy(
                        () -> SharedAuthorizationRequestRepository.withoutState("https://a.example/?xstate=s1", "s1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenTheSecretAttributes_whenSealedForOneBrowser_thenTheTableHoldsNoneOfThemAndOnlyThatBrowserOpensThem() {
        // given
        OAuth2AuthorizationRequest original = started("oidc", "openid");
        String verifier = (String) original.getAttributes().get(PkceParameterNames.CODE_VERIFIER);
        String nonce = (String) original.getAttributes().get(OidcParameterNames.NONCE);
        StoredAuthorizationRequest plain = SharedAuthorizationRequestRepository.toStored(
                original,
                SharedAuthorizationRequestRepository.sha256(original.getState()),
                "b".repeat(64),
                NOW,
                NOW.plus(Duration.ofMinutes(10)));

        // when
        StoredAuthorizationRequest sealed = SharedAuthorizationRequestRepository.sealed(plain, "binding-of-browser-1");

        // then
        assertThat(sealed.attributes().values())
                .doesNotContain(verifier, nonce, "user-7")
                .allSatisfy(v -> assertThat(v).startsWith("sealed1:"));
        assertThat(SharedAuthorizationRequestRepository.opened(sealed, "binding-of-browser-1")
                        .attributes())
                .isEqualTo(plain.attributes());
        Assertions.assertThatThrownBy(() -> SharedAuthorizationRequestRepository.opened(sealed, "binding-of-browser-2"))
                .isInstanceOf(IllegalStateException.class);
    }
}
