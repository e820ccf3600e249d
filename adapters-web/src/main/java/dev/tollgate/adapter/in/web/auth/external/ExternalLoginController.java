package dev.tollgate.adapter.in.web.auth.external;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.AccessTokens;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.SessionOnly;
import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.ExternalSignInUseCase;
import dev.tollgate.application.account.port.in.IdentityView;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * External sign-in around the browser flow: which providers are enabled, the one-time hand-off code exchanged for
 * the same bearer token as {@code POST /api/v1/auth/login}, and the signed-in user's identities (list, link, unlink).
 */
@RestController
public class ExternalLoginController {
    private final ExternalSignInUseCase signIn;
    private final AccessTokens tokens;
    private final Supplier<ExternalLoginSettings> settings;
    private final BrowserHandOff handOff;

    ExternalLoginController(
            ExternalSignInUseCase signIn, AccessTokens tokens, CurrentExternalLogin settings, BrowserHandOff handOff) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.settings = settings;
        this.handOff = handOff;
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    record Provider(String id, String name, String signInUrl) {}

    record LinkStart(String authorizationUrl, long expiresIn) {}

    /** The enabled providers, public (a sign-in page shows a button for each). */
    @GetMapping("/api/v1/auth/providers")
    Map<String, List<Provider>> providers() {
        return Map.of(
                "providers",
                settings.get().enabledProviders().entrySet().stream()
                        .map(e -> new Provider(
                                e.getKey().code(),
                                e.getValue(),
                                LinkAwareAuthorizationRequestResolver.BASE_URI + "/"
                                        + e.getKey().code()))
                        .toList());
    }

    /** Body {@code {"code"}}: the one-time code from the end of the browser flow, for a bearer token (once, 60 s). */
    @PostMapping("/api/v1/auth/oauth/exchange")
    ResponseEntity<TokenResponse> exchange(@RequestBody JsonNode json) {
        PatchBody body = new PatchBody(json).requireOnly("code");
        AuthenticatedUser user = signIn.exchange(required(body.text("code")));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenResponse(
                        tokens.issue(user), "Bearer", tokens.ttl().toSeconds()));
    }

    @GetMapping("/api/v1/users/me/identities")
    List<IdentityView> identities(Authentication auth) {
        return signIn.identities(CurrentCaller.of(auth));
    }

    /**
     * Starts linking an identity to the signed-in user: the URL the browser opens (it carries a one-time ticket bound
     * to this user, valid 60 s); the flow ends at the front end with a {@code link_code} to confirm.
     */
    @SessionOnly
    @PostMapping("/api/v1/users/me/identities/{provider}/link-start")
    LinkStart linkStart(@PathVariable String provider, Authentication auth) {
        IdentityProvider p = enabled(provider);
        String ticket = signIn.startLink(CurrentCaller.of(auth), p);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(LinkAwareAuthorizationRequestResolver.BASE_URI + "/" + p.code())
                .queryParam("link", ticket)
                .build()
                .toUriString();
        return new LinkStart(url, ExternalSignInUseCase.CODE_TTL_SECONDS);
    }

    /** Body {@code {"code"}}: the {@code link_code} of a link flow this same user started. */
    @SessionOnly
    @PostMapping("/api/v1/users/me/identities/link-complete")
    IdentityView linkComplete(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("code");
        return signIn.completeLink(CurrentCaller.of(auth), required(body.text("code")));
    }

    @SessionOnly
    @DeleteMapping("/api/v1/users/me/identities/{provider}")
    ResponseEntity<Void> unlink(@PathVariable String provider, Authentication auth) {
        signIn.unlink(CurrentCaller.of(auth), IdentityProvider.fromCode(provider));
        return ResponseEntity.noContent().build();
    }

    /**
     * Reached only when the start of a browser flow could not proceed (the OAuth filter hands every other start to
     * the provider): an unknown or unconfigured provider, or a link ticket that is unknown, used or expired.
     */
    @GetMapping(LinkAwareAuthorizationRequestResolver.BASE_URI + "/{provider}")
    void startRefused(@PathVariable String provider, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object failure = request.getAttribute(LinkAwareAuthorizationRequestResolver.START_FAILURE);
        if (failure instanceof DomainException refused) {
            HttpStatus status = refused.errorCode() == AccountErrorCode.PROVIDER_NOT_CONFIGURED
                    ? HttpStatus.NOT_FOUND
                    : refused.errorCode() == AccountErrorCode.ACCOUNT_DISABLED
                            ? HttpStatus.FORBIDDEN
                            : HttpStatus.BAD_REQUEST;
            handOff.failed(request, response, status, refused.errorCode().code(), refused.getMessage());
        } else if (failure instanceof InvalidValueException invalid) {
            handOff.failed(request, response, HttpStatus.BAD_REQUEST, "invalid_value", invalid.getMessage());
        } else {
            handOff.failed(
                    request,
                    response,
                    HttpStatus.NOT_FOUND,
                    AccountErrorCode.PROVIDER_NOT_CONFIGURED.code(),
                    "sign-in with '" + provider + "' is not configured");
        }
    }

    private IdentityProvider enabled(String provider) {
        IdentityProvider p = IdentityProvider.fromCode(provider);
        if (!settings.get().enabledProviders().containsKey(p)) {
            throw new DomainException(
                    AccountErrorCode.PROVIDER_NOT_CONFIGURED, "sign-in with '" + provider + "' is not configured");
        }
        return p;
    }

    private static String required(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidValueException("code", "code is required");
        }
        return code;
    }
}
