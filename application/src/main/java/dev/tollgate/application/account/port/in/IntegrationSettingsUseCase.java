package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import java.util.List;
import java.util.Map;

/**
 * The SMTP server and the external sign-in providers (GitHub, Feishu, OIDC), set by platform admins without a
 * restart; what is not set here comes from the server configuration. Secrets (the SMTP password, client secrets) are
 * write-only: answers say only whether one is set.
 */
public interface IntegrationSettingsUseCase {
    /** Where the settings in force come from. */
    String FROM_SETTINGS = "settings";

    String FROM_CONFIGURATION = "configuration";

    /** The SMTP server in force; {@code configured} false: no mail is sent. */
    record MailView(
            String source,
            boolean configured,
            String host,
            int port,
            String username,
            boolean passwordSet,
            String from,
            boolean startTls) {}

    /**
     * A change of the SMTP server: every field required but {@code password} (null: keep the one in force; blank:
     * none) and {@code username} (null or blank: no login).
     */
    record MailChange(String host, Integer port, String username, String password, String from, Boolean startTls) {
        @Override
        public String toString() {
            return "MailChange[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from
                    + ", startTls=" + startTls + "]";
        }
    }

    /**
     * A sign-in provider in force; {@code endpoints} its addresses (GitHub {@code baseUrl}, {@code apiUrl}; Feishu
     * {@code host}, {@code accountsHost}; OIDC {@code issuerUri}, {@code name}, {@code scopes}).
     */
    record ProviderView(
            String id,
            String source,
            boolean enabled,
            String clientId,
            boolean clientSecretSet,
            Map<String, String> endpoints,
            String callbackPath) {}

    /**
     * A change of a provider: {@code clientSecret} null keeps the one in force; {@code endpoints} not given keep the
     * configuration's.
     */
    record ProviderChange(Boolean enabled, String clientId, String clientSecret, Map<String, String> endpoints) {
        @Override
        public String toString() {
            return "ProviderChange[enabled=" + enabled + ", clientId=" + clientId + ", endpoints=" + endpoints + "]";
        }
    }

    MailView mail(Caller caller);

    MailView setMail(MailChange change, Caller caller);

    /** Forgets the SMTP server set here: the configuration's applies again. */
    MailView resetMail(Caller caller);

    /** Sends a short test mail to {@code to} through the SMTP server in force; refused when none is configured. */
    void sendTestMail(String to, Caller caller);

    List<ProviderView> providers(Caller caller);

    ProviderView setProvider(String provider, ProviderChange change, Caller caller);

    /** Forgets the provider's settings set here: the configuration's apply again. */
    ProviderView resetProvider(String provider, Caller caller);
}
