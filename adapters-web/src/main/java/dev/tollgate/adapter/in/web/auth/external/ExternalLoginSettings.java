package dev.tollgate.adapter.in.web.auth.external;

import dev.tollgate.domain.account.IdentityProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured external sign-in: a provider is enabled only when both its client id and secret are set. Base URLs
 * are configurable (GitHub Enterprise, the international Lark hosts, local fake servers in tests).
 *
 * @param frontendUrl where the browser is sent after the flow, with the outcome in the fragment; blank: the callback
 *                    answers with JSON instead
 */
public record ExternalLoginSettings(String frontendUrl, GitHub github, Feishu feishu, Oidc oidc) {

    /** GitHub OAuth app: {@code baseUrl} serves the authorize and token endpoints, {@code apiUrl} the REST API. */
    public record GitHub(String clientId, String clientSecret, String baseUrl, String apiUrl) {
        boolean enabled() {
            return present(clientId) && present(clientSecret);
        }
    }

    /**
     * Feishu (or, with the larksuite.com hosts, Lark) app: {@code accountsHost} serves the authorize page,
     * {@code host} the token and user_info APIs.
     */
    public record Feishu(String clientId, String clientSecret, String host, String accountsHost) {
        boolean enabled() {
            return present(clientId) && present(clientSecret);
        }
    }

    /** Any OpenID Connect provider, found by discovery from {@code issuerUri}. */
    public record Oidc(String clientId, String clientSecret, String issuerUri, String name, String scopes) {
        boolean enabled() {
            return present(clientId) && present(clientSecret) && present(issuerUri);
        }
    }

    boolean redirectsToFrontend() {
        return present(frontendUrl);
    }

    /** The enabled providers and their display names, in a stable order. */
    public Map<IdentityProvider, String> enabledProviders() {
        Map<IdentityProvider, String> enabled = new LinkedHashMap<>();
        if (github.enabled()) {
            enabled.put(IdentityProvider.GITHUB, "GitHub");
        }
        if (feishu.enabled()) {
            enabled.put(IdentityProvider.FEISHU, feishu.host().contains("larksuite") ? "Lark" : "Feishu");
        }
        if (oidc.enabled()) {
            enabled.put(IdentityProvider.OIDC, present(oidc.name()) ? oidc.name() : "OpenID Connect");
        }
        return enabled;
    }

    public String displayName(String registrationId) {
        for (Map.Entry<IdentityProvider, String> e : enabledProviders().entrySet()) {
            if (e.getKey().code().equals(registrationId)) {
                return e.getValue();
            }
        }
        return registrationId;
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
