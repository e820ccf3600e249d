package dev.tollgate.adapter.in.web.auth.external;

import dev.tollgate.application.account.query.IntegrationSettingsDirectory;
import dev.tollgate.application.account.query.IntegrationSettingsDirectory.Provider;
import dev.tollgate.domain.account.IdentityProvider;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The external sign-in settings in force, read on every use: the server configuration's ({@code tollgate.auth.*}) with
 * each provider replaced by what platform admins set through the API ({@link IntegrationSettingsDirectory}), so a
 * provider added, changed or turned off applies without a restart.
 */
public class CurrentExternalLogin implements Supplier<ExternalLoginSettings> {
    private final ExternalLoginSettings configured;
    private final IntegrationSettingsDirectory directory;

    public CurrentExternalLogin(ExternalLoginSettings configured, IntegrationSettingsDirectory directory) {
        this.configured = configured;
        this.directory = directory;
    }

    @Override
    public ExternalLoginSettings get() {
        Provider github = directory.provider(IdentityProvider.GITHUB);
        Provider feishu = directory.provider(IdentityProvider.FEISHU);
        Provider oidc = directory.provider(IdentityProvider.OIDC);
        ExternalLoginSettings.GitHub g = configured.github();
        ExternalLoginSettings.Feishu f = configured.feishu();
        ExternalLoginSettings.Oidc o = configured.oidc();
        return new ExternalLoginSettings(
                configured.frontendUrl(),
                configured.authorizationRequestTtl(),
                new ExternalLoginSettings.GitHub(
                        clientId(github),
                        clientSecret(github),
                        github.endpoints().getOrDefault("baseUrl", g.baseUrl()),
                        github.endpoints().getOrDefault("apiUrl", g.apiUrl())),
                new ExternalLoginSettings.Feishu(
                        clientId(feishu),
                        clientSecret(feishu),
                        feishu.endpoints().getOrDefault("host", f.host()),
                        feishu.endpoints().getOrDefault("accountsHost", f.accountsHost())),
                new ExternalLoginSettings.Oidc(
                        clientId(oidc),
                        clientSecret(oidc),
                        oidc.endpoints().getOrDefault("issuerUri", o.issuerUri()),
                        oidc.endpoints().getOrDefault("name", o.name()),
                        oidc.endpoints().getOrDefault("scopes", o.scopes())));
    }

    /** The providers as the server configuration has them: the defaults of {@link IntegrationSettingsDirectory}. */
    public static Map<IdentityProvider, Provider> configuredProviders(ExternalLoginSettings s) {
        Map<IdentityProvider, Provider> providers = new EnumMap<>(IdentityProvider.class);
        providers.put(
                IdentityProvider.GITHUB,
                new Provider(
                        IdentityProvider.GITHUB,
                        s.github().enabled(),
                        s.github().clientId(),
                        s.github().clientSecret(),
                        Map.of(
                                "baseUrl",
                                s.github().baseUrl(),
                                "apiUrl",
                                s.github().apiUrl())));
        providers.put(
                IdentityProvider.FEISHU,
                new Provider(
                        IdentityProvider.FEISHU,
                        s.feishu().enabled(),
                        s.feishu().clientId(),
                        s.feishu().clientSecret(),
                        Map.of(
                                "host",
                                s.feishu().host(),
                                "accountsHost",
                                s.feishu().accountsHost())));
        providers.put(
                IdentityProvider.OIDC,
                new Provider(
                        IdentityProvider.OIDC,
                        s.oidc().enabled(),
                        s.oidc().clientId(),
                        s.oidc().clientSecret(),
                        Map.of(
                                "issuerUri",
                                s.oidc().issuerUri(),
                                "name",
                                s.oidc().name(),
                                "scopes",
                                s.oidc().scopes())));
        return providers;
    }

    private static String clientId(Provider p) {
        return p.enabled() ? p.clientId() : "";
    }

    private static String clientSecret(Provider p) {
        return p.enabled() ? p.clientSecret() : "";
    }
}
