package dev.tollgate.application.account.query;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.account.event.MailServerClearedEvent;
import dev.tollgate.domain.account.event.MailServerSetEvent;
import dev.tollgate.domain.account.event.SignInProviderClearedEvent;
import dev.tollgate.domain.account.event.SignInProviderSetEvent;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * The SMTP server and the external sign-in providers in force: what platform admins set through the API (secrets
 * loaded and decrypted from the secret store when the event arrives, as channel keys are), else the server
 * configuration's. Read by the mail sender and the OAuth client registrations on every use, so a change applies
 * without a restart, on every node.
 */
public class IntegrationSettingsDirectory {
    /** Where the SMTP password is kept in the secret store. */
    public static final String MAIL_SECRET = "integration:mail";

    private final ChannelSecretPort secrets;
    private final ViewFreshness freshness;
    private final Mail configuredMail;
    private final Map<IdentityProvider, Provider> configuredProviders;
    private final Map<IdentityProvider, Provider> storedProviders = new EnumMap<>(IdentityProvider.class);
    private volatile Mail storedMail;

    /**
     * The SMTP server in force; {@code host} blank: no mail is sent.
     *
     * @param password the clear password (never logged)
     */
    public record Mail(String host, int port, String username, String password, String from, boolean startTls) {
        public Mail {
            host = host == null ? "" : host;
            username = username == null ? "" : username;
            password = password == null ? "" : password;
        }

        public boolean configured() {
            return !host.isBlank();
        }

        @Override
        public String toString() {
            return "Mail[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from + ", startTls="
                    + startTls + "]";
        }
    }

    /**
     * A sign-in provider in force.
     *
     * @param clientSecret the clear client secret (never logged)
     * @param endpoints the addresses set (see {@code SignInProviderSettings}); those not set are the configuration's
     */
    public record Provider(
            IdentityProvider provider,
            boolean enabled,
            String clientId,
            String clientSecret,
            Map<String, String> endpoints) {
        public Provider {
            clientId = clientId == null ? "" : clientId;
            clientSecret = clientSecret == null ? "" : clientSecret;
            endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        }

        @Override
        public String toString() {
            return "Provider[provider=" + provider + ", enabled=" + enabled + ", clientId=" + clientId + ", endpoints="
                    + endpoints + "]";
        }
    }

    public IntegrationSettingsDirectory(
            ChannelSecretPort secrets,
            ViewFreshness freshness,
            Mail configuredMail,
            Map<IdentityProvider, Provider> configuredProviders) {
        this.secrets = secrets;
        this.freshness = freshness;
        this.configuredMail = Objects.requireNonNull(configuredMail, "configuredMail");
        this.configuredProviders = Map.copyOf(configuredProviders);
    }

    /** Where a provider's client secret is kept in the secret store. */
    public static String providerSecret(IdentityProvider provider) {
        return "integration:signin:" + provider.code();
    }

    @EventHandler
    void on(MailServerSetEvent e, @SequenceNumber long sequence) {
        String password = e.passwordSet() ? first(secrets.load(MAIL_SECRET)) : "";
        storedMail = new Mail(e.host(), e.port(), e.username(), password, e.from(), e.startTls());
        freshness.applied(e.settingsId(), sequence);
    }

    @EventHandler
    void on(MailServerClearedEvent e, @SequenceNumber long sequence) {
        storedMail = null;
        freshness.applied(e.settingsId(), sequence);
    }

    @EventHandler
    void on(SignInProviderSetEvent e, @SequenceNumber long sequence) {
        IdentityProvider provider = IdentityProvider.fromCode(e.provider());
        String secret = e.secretSet() ? first(secrets.load(providerSecret(provider))) : "";
        synchronized (storedProviders) {
            storedProviders.put(provider, new Provider(provider, e.enabled(), e.clientId(), secret, e.endpoints()));
        }
        freshness.applied(e.settingsId(), sequence);
    }

    @EventHandler
    void on(SignInProviderClearedEvent e, @SequenceNumber long sequence) {
        synchronized (storedProviders) {
            storedProviders.remove(IdentityProvider.fromCode(e.provider()));
        }
        freshness.applied(e.settingsId(), sequence);
    }

    /** The SMTP server in force: the one set through the API, else the configuration's. */
    public Mail mail() {
        Mail stored = storedMail;
        return stored != null ? stored : configuredMail;
    }

    /** Whether the SMTP server in force was set through the API. */
    public boolean mailStored() {
        return storedMail != null;
    }

    /**
     * A provider in force: set through the API (its addresses not set there are the configuration's), else the
     * configuration's (disabled when neither has one).
     */
    public Provider provider(IdentityProvider provider) {
        Provider stored;
        synchronized (storedProviders) {
            stored = storedProviders.get(provider);
        }
        Provider configured = configured(provider);
        if (stored == null) {
            return configured;
        }
        Map<String, String> endpoints = new LinkedHashMap<>(configured.endpoints());
        endpoints.putAll(stored.endpoints());
        return new Provider(provider, stored.enabled(), stored.clientId(), stored.clientSecret(), endpoints);
    }

    /** The configuration's settings of a provider (disabled when it has none). */
    public Provider configured(IdentityProvider provider) {
        Provider configured = configuredProviders.get(provider);
        return configured != null ? configured : new Provider(provider, false, "", "", Map.of());
    }

    /** Whether a provider's settings in force were set through the API. */
    public boolean stored(IdentityProvider provider) {
        synchronized (storedProviders) {
            return storedProviders.containsKey(provider);
        }
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.getFirst();
    }
}
