package dev.tollgate.adapter.in.web.auth.external;

import dev.tollgate.application.account.port.in.ExternalSignInUseCase;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Starts the provider's flow at {@code GET /oauth2/authorization/{provider}} (state and PKCE kept in the shared
 * database, bound to the browser: {@link SharedAuthorizationRequestRepository}). With {@code ?link=<ticket>} (from {@code link-start}), the ticket is redeemed once and the user it
 * was issued to is kept with the state: the callback then prepares a link to that user instead of signing in. A start
 * that cannot proceed (unknown provider, bad ticket) is left to {@link ExternalLoginController} to report.
 */
class LinkAwareAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {
    static final String BASE_URI = "/oauth2/authorization";
    static final String LINK_USER = "tollgate.link-user";
    static final String START_FAILURE = LinkAwareAuthorizationRequestResolver.class.getName() + ".failure";

    private final DefaultOAuth2AuthorizationRequestResolver delegate;
    private final ExternalSignInUseCase signIn;

    LinkAwareAuthorizationRequestResolver(ClientRegistrationRepository registrations, ExternalSignInUseCase signIn) {
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, BASE_URI);
        this.delegate.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        this.signIn = signIn;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        OAuth2AuthorizationRequest authorization;
        try {
            authorization = delegate.resolve(request);
        } catch (IllegalArgumentException unknownProvider) {
            String path = request.getRequestURI();
            request.setAttribute(
                    START_FAILURE,
                    new DomainException(
                            AccountErrorCode.PROVIDER_NOT_CONFIGURED,
                            "sign-in with '" + path.substring(path.lastIndexOf('/') + 1) + "' is not configured or its "
                                    + "provider cannot be reached"));
            return null;
        }
        String ticket = request.getParameter("link");
        if (authorization == null || ticket == null) {
            return authorization;
        }
        try {
            String registrationId = authorization.getAttribute(OAuth2ParameterNames.REGISTRATION_ID);
            String userId = signIn.redeemLinkTicket(ticket, IdentityProvider.fromCode(registrationId));
            return OAuth2AuthorizationRequest.from(authorization)
                    .attributes(a -> a.put(LINK_USER, userId))
                    .build();
        } catch (DomainException | InvalidValueException refused) {
            request.setAttribute(START_FAILURE, refused);
            return null;
        }
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return delegate.resolve(request, clientRegistrationId);
    }
}
