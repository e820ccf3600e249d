package dev.tollgate.adapter.in.web.auth.external;

import dev.tollgate.domain.account.IdentityProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The OAuth client registrations of the enabled providers ({@code github}, {@code feishu}, {@code oidc}), resolved
 * from the settings in force on every lookup: when platform admins change a provider, the registrations are built
 * again from the new settings (no restart). The OIDC provider is discovered from its issuer on first use (and again
 * after a failure or a change), so an unreachable provider does not stop Tollgate from starting.
 */
public class ExternalClientRegistrations implements ClientRegistrationRepository {
    private static final Logger log = LoggerFactory.getLogger(ExternalClientRegistrations.class);
    static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    private final Supplier<ExternalLoginSettings> source;
    private volatile Built built;

    /** The registrations built from one state of the settings. */
    private record Built(ExternalLoginSettings settings, Map<String, ClientRegistration> registrations) {}

    public ExternalClientRegistrations(Supplier<ExternalLoginSettings> source) {
        this.source = source;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        Built current = current();
        ClientRegistration found = current.registrations().get(registrationId);
        if (found == null
                && IdentityProvider.OIDC.code().equals(registrationId)
                && current.settings().oidc().enabled()) {
            found = discoverOidc(current);
        }
        return found;
    }

    /** The registrations of the settings in force, built again when those changed. */
    private Built current() {
        ExternalLoginSettings settings = source.get();
        Built seen = built;
        if (seen != null && seen.settings().equals(settings)) {
            return seen;
        }
        Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();
        if (settings.github().enabled()) {
            registrations.put(IdentityProvider.GITHUB.code(), github(settings.github()));
        }
        if (settings.feishu().enabled()) {
            registrations.put(IdentityProvider.FEISHU.code(), feishu(settings.feishu()));
        }
        Built fresh = new Built(settings, registrations);
        built = fresh;
        return fresh;
    }

    private synchronized ClientRegistration discoverOidc(Built current) {
        ClientRegistration found = current.registrations().get(IdentityProvider.OIDC.code());
        if (found != null) {
            return found;
        }
        ExternalLoginSettings settings = current.settings();
        ExternalLoginSettings.Oidc oidc = settings.oidc();
        try {
            found = ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                    .registrationId(IdentityProvider.OIDC.code())
                    .clientName(settings.displayName(IdentityProvider.OIDC.code()))
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .redirectUri(REDIRECT_URI)
                    .scope(Arrays.stream(oidc.scopes().split("[ ,]+"))
                            .filter(s -> !s.isBlank())
                            .toList())
                    .build();
        } catch (RuntimeException e) {
            log.warn("OpenID Connect discovery from {} failed: {}", oidc.issuerUri(), e.toString());
            return null;
        }
        current.registrations().put(IdentityProvider.OIDC.code(), found);
        return found;
    }

    private static ClientRegistration github(ExternalLoginSettings.GitHub github) {
        String base = trim(github.baseUrl());
        return ClientRegistration.withRegistrationId(IdentityProvider.GITHUB.code())
                .clientName("GitHub")
                .clientId(github.clientId())
                .clientSecret(github.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope("read:user", "user:email")
                .authorizationUri(base + "/login/oauth/authorize")
                .tokenUri(base + "/login/oauth/access_token")
                .userInfoUri(trim(github.apiUrl()) + "/user")
                .userNameAttributeName("id")
                .build();
    }

    private static ClientRegistration feishu(ExternalLoginSettings.Feishu feishu) {
        String host = trim(feishu.host());
        return ClientRegistration.withRegistrationId(IdentityProvider.FEISHU.code())
                .clientName("Feishu")
                .clientId(feishu.clientId())
                .clientSecret(feishu.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .authorizationUri(trim(feishu.accountsHost()) + "/open-apis/authen/v1/authorize")
                .tokenUri(host + "/open-apis/authen/v2/oauth/token")
                .userInfoUri(host + "/open-apis/authen/v1/user_info")
                .userNameAttributeName("open_id")
                .build();
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
