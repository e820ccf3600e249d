package dev.tollgate.adapter.in.web.auth.external;

import dev.tollgate.application.account.port.in.ExternalProfile;
import dev.tollgate.application.account.port.in.ExternalSignInUseCase;
import dev.tollgate.application.common.LogText;
import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The end of the provider's callback ({@code /login/oauth2/code/{provider}}): the provider's answer becomes an
 * {@link ExternalProfile} and either a sign-in (a hand-off code) or, in a link flow, a pending link; every failure
 * becomes a plain-English message for the browser. Nothing of the provider's session is kept (no token, no session).
 */
class ExternalLoginHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {
    private static final Logger log = LoggerFactory.getLogger(ExternalLoginHandlers.class);
    private static final String CALLBACK = "/login/oauth2/code/";

    private final ExternalSignInUseCase signIn;
    private final Supplier<ExternalLoginSettings> settings;
    private final BrowserHandOff handOff;

    ExternalLoginHandlers(
            ExternalSignInUseCase signIn, Supplier<ExternalLoginSettings> settings, BrowserHandOff handOff) {
        this.signIn = signIn;
        this.settings = settings;
        this.handOff = handOff;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        SecurityContextHolder.clearContext();
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        OAuth2AuthorizationRequest started =
                (OAuth2AuthorizationRequest) request.getAttribute(SharedAuthorizationRequestRepository.REMOVED);
        String linkUser =
                started == null ? null : started.getAttribute(LinkAwareAuthorizationRequestResolver.LINK_USER);
        try {
            ExternalProfile profile = profileOf(token);
            if (linkUser != null) {
                handOff.linkPending(request, response, signIn.pendingLink(linkUser, profile));
            } else {
                handOff.signedIn(request, response, signIn.signIn(profile));
            }
        } catch (DomainException refused) {
            log.info(
                    "{} sign-in refused: {}",
                    token.getAuthorizedClientRegistrationId(),
                    refused.errorCode().code());
            handOff.failed(
                    request, response, statusOf(refused), refused.errorCode().code(), refused.getMessage());
        } catch (InvalidValueException unusable) {
            handOff.failed(
                    request,
                    response,
                    HttpStatus.BAD_GATEWAY,
                    "invalid_user_info_response",
                    settings.get().displayName(token.getAuthorizedClientRegistrationId())
                            + " did not say who signed in; try again later");
        }
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String provider = settings.get().displayName(providerOf(request));
        String error = exception instanceof OAuth2AuthenticationException o
                ? o.getError().getErrorCode()
                : "sign_in_failed";
        String description = exception instanceof OAuth2AuthenticationException o
                ? o.getError().getDescription()
                : null;
        // the error and its description come from the callback's query string: anyone can write them
        log.info(
                "{} sign-in failed: {} {}",
                provider,
                LogText.safe(error),
                description == null ? "" : LogText.safe(description));
        switch (error) {
            case "access_denied" ->
                handOff.failed(
                        request,
                        response,
                        HttpStatus.FORBIDDEN,
                        error,
                        provider + " sign-in was cancelled or refused at " + provider + "; nothing was changed");
            case SharedAuthorizationRequestRepository.EXPIRED ->
                handOff.failed(request, response, HttpStatus.BAD_REQUEST, error, description);
            case "authorization_request_not_found", "invalid_state_parameter" ->
                handOff.failed(
                        request,
                        response,
                        HttpStatus.BAD_REQUEST,
                        "invalid_state",
                        "this sign-in was not started in this browser, was "
                                + "already used or has expired; start the sign-in again");
            case "invalid_token_response" ->
                handOff.failed(
                        request,
                        response,
                        HttpStatus.BAD_GATEWAY,
                        error,
                        provider + " did not issue an access token (its token endpoint failed); try again later");
            case "invalid_user_info_response" ->
                handOff.failed(
                        request,
                        response,
                        HttpStatus.BAD_GATEWAY,
                        error,
                        description != null
                                ? description
                                : provider + " did not say who signed in (its user endpoint failed); try again later");
            case FeishuResponses.ERROR -> handOff.failed(request, response, HttpStatus.BAD_GATEWAY, error, description);
            case "invalid_id_token", "invalid_nonce" ->
                handOff.failed(
                        request,
                        response,
                        HttpStatus.BAD_GATEWAY,
                        error,
                        provider + " sent an ID token that does not check out; nothing was changed");
            default ->
                handOff.failed(
                        request,
                        response,
                        HttpStatus.BAD_REQUEST,
                        "sign_in_failed",
                        provider + " sign-in failed (" + error + "); start the sign-in again");
        }
    }

    private ExternalProfile profileOf(OAuth2AuthenticationToken token) {
        IdentityProvider provider = IdentityProvider.fromCode(token.getAuthorizedClientRegistrationId());
        OAuth2User user = token.getPrincipal();
        return switch (provider) {
            case GITHUB ->
                new ExternalProfile(
                        provider,
                        user.getAttribute("id"),
                        user.getAttribute("login"),
                        user.getAttribute("name"),
                        user.getAttribute(GitHubUserService.VERIFIED_EMAIL));
            case FEISHU ->
                new ExternalProfile(
                        provider,
                        user.getAttribute("open_id"),
                        user.getAttribute("en_name"),
                        user.getAttribute("name"),
                        user.getAttribute("email"));
            case OIDC -> {
                OidcUser oidc = (OidcUser) user;
                yield new ExternalProfile(
                        provider,
                        oidc.getSubject(),
                        oidc.getPreferredUsername(),
                        oidc.getFullName(),
                        Boolean.TRUE.equals(oidc.getEmailVerified()) ? oidc.getEmail() : null);
            }
        };
    }

    private static String providerOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        int at = path.indexOf(CALLBACK);
        return at < 0 ? "the provider" : path.substring(at + CALLBACK.length());
    }

    private static HttpStatus statusOf(DomainException e) {
        return switch (e.errorCode().kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case GONE -> HttpStatus.GONE;
        };
    }
}
