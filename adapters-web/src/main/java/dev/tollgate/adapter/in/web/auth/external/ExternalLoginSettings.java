package dev.tollgate.adapter.in.web.auth.external;

import dev.tollgate.domain.account.IdentityProvider;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The configured external sign-in ({@code tollgate.auth.*}): a provider is enabled only when both its client id and
 * secret are set. Base URLs are configurable (GitHub Enterprise, the international Lark hosts, local fake servers in
 * tests).
 *
 * @param frontendUrl where the browser is sent after an external sign-in, with the outcome in the fragment; blank:
 *     the callback answers with JSON instead
 * @param authorizationRequestTtl how long a browser sign-in may take between the redirect to the provider and its
 *     callback (the pending request is kept in the database shared by every node)
 * @param github sign-in with GitHub
 * @param feishu sign-in with Feishu or Lark
 * @param oidc sign-in with an OpenID Connect provider
 */
@Validated
@ConfigurationProperties("tollgate.auth")
public record ExternalLoginSettings(
        @DefaultValue("") String frontendUrl,

        @DefaultValue("PT10M") @NotNull @DurationMin(seconds = 10)
        Duration authorizationRequestTtl,

        @DefaultValue @NotNull GitHub github,
        @DefaultValue @NotNull Feishu feishu,
        @DefaultValue @NotNull Oidc oidc) {

    /**
     * A GitHub OAuth app.
     *
     * @param clientId the OAuth app's client id; blank: GitHub sign-in is off
     * @param clientSecret the OAuth app's client secret
     * @param baseUrl serves the authorize and token endpoints (GitHub Enterprise: its own host)
     * @param apiUrl serves the REST API
     */
    public record GitHub(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("https://github.com") String baseUrl,
            @DefaultValue("https://api.github.com") String apiUrl) {
        boolean enabled() {
            return present(clientId) && present(clientSecret);
        }

        @Override
        public String toString() {
            return "GitHub[clientId=" + clientId + ", baseUrl=" + baseUrl + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * A Feishu (or, with the larksuite.com hosts, Lark) app.
     *
     * @param clientId the app's id; blank: Feishu sign-in is off
     * @param clientSecret the app's secret
     * @param host serves the token and user_info APIs (Lark: https://open.larksuite.com)
     * @param accountsHost serves the authorize page (Lark: https://accounts.larksuite.com)
     */
    public record Feishu(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("https://open.feishu.cn") String host,
            @DefaultValue("https://accounts.feishu.cn") String accountsHost) {
        boolean enabled() {
            return present(clientId) && present(clientSecret);
        }

        @Override
        public String toString() {
            return "Feishu[clientId=" + clientId + ", host=" + host + ", accountsHost=" + accountsHost + "]";
        }
    }

    /**
     * Any OpenID Connect provider, found by discovery.
     *
     * @param clientId the client id; blank: OIDC sign-in is off
     * @param clientSecret the client secret
     * @param issuerUri the issuer, whose discovery document names the endpoints
     * @param name the name shown on the sign-in button; blank: "OpenID Connect"
     * @param scopes the scopes asked for, separated by spaces
     */
    public record Oidc(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("") String issuerUri,
            @DefaultValue("") String name,
            @DefaultValue("openid profile email") String scopes) {
        boolean enabled() {
            return present(clientId) && present(clientSecret) && present(issuerUri);
        }

        @Override
        public String toString() {
            return "Oidc[clientId=" + clientId + ", issuerUri=" + issuerUri + ", name=" + name + "]";
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
