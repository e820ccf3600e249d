package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.IntegrationSettingsUseCase;
import dev.tollgate.application.account.query.IntegrationSettingsDirectory;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.domain.account.EmailErrorCode;
import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.account.IntegrationSettings;
import dev.tollgate.domain.account.MailServer;
import dev.tollgate.domain.account.SignInProviderSettings;
import dev.tollgate.domain.account.command.ClearMailServerCommand;
import dev.tollgate.domain.account.command.ClearSignInProviderCommand;
import dev.tollgate.domain.account.command.SetMailServerCommand;
import dev.tollgate.domain.account.command.SetSignInProviderCommand;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the SMTP server and the sign-in providers (platform admins only: they decide where mail goes and who may sign
 * in). Secrets are stored encrypted, like channel keys, before the command; the events carry only whether one is set.
 * The {@link IntegrationSettingsDirectory} applies a change on every node as its event arrives.
 */
public class IntegrationSettingsService implements IntegrationSettingsUseCase {
    private static final Logger log = LoggerFactory.getLogger(IntegrationSettingsService.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);
    private static final String ADMINS_ONLY = "only platform admins may see or change the mail and sign-in settings";
    private static final int MAX_SECRET = 500;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final String CALLBACK = "/login/oauth2/code/";

    private final CommandGateway commands;
    private final IntegrationSettingsDirectory settings;
    private final ChannelSecretPort secrets;
    private final MailPort mail;
    private final ViewFreshness freshness;
    private final ClockPort clock;

    public IntegrationSettingsService(
            CommandGateway commands,
            IntegrationSettingsDirectory settings,
            ChannelSecretPort secrets,
            MailPort mail,
            ViewFreshness freshness,
            ClockPort clock) {
        this.commands = commands;
        this.settings = settings;
        this.secrets = secrets;
        this.mail = mail;
        this.freshness = freshness;
        this.clock = clock;
    }

    @Override
    public MailView mail(Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        return mailView();
    }

    @Override
    public MailView setMail(MailChange change, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        if (change.port() == null) {
            throw new InvalidValueException("port", "port is required");
        }
        if (change.startTls() == null) {
            throw new InvalidValueException("startTls", "startTls is required (true or false)");
        }
        MailServer server =
                new MailServer(change.host(), change.port(), change.username(), change.from(), change.startTls());
        String password =
                change.password() == null ? settings.mail().password() : secret("password", change.password());
        if (!password.isEmpty() && server.username().isEmpty()) {
            throw new InvalidValueException("username", "a password needs a username");
        }
        secrets.store(IntegrationSettingsDirectory.MAIL_SECRET, password.isEmpty() ? List.of() : List.of(password));
        await(commands.sendAndWait(new SetMailServerCommand(
                IntegrationSettings.ID, server, !password.isEmpty(), caller.actor(), clock.now())));
        return mailView();
    }

    @Override
    public MailView resetMail(Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        await(commands.sendAndWait(new ClearMailServerCommand(IntegrationSettings.ID, caller.actor(), clock.now())));
        secrets.store(IntegrationSettingsDirectory.MAIL_SECRET, List.of());
        return mailView();
    }

    @Override
    public void sendTestMail(String to, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        String address = to == null ? "" : to.strip();
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new InvalidValueException("to", "to must be an e-mail address");
        }
        if (!mail.configured()) {
            throw new DomainException(
                    EmailErrorCode.EMAIL_NOT_CONFIGURED, "no SMTP server is set: set one (host, port, from) first");
        }
        try {
            mail.send(
                    address,
                    "Tollgate: test mail",
                    "This is a test mail from Tollgate, sent by " + caller.actor()
                            + " from the settings.\nMail for verification codes, password resets and invitations "
                            + "will arrive like this one.\n");
        } catch (RuntimeException e) {
            log.warn("the test mail to the SMTP server could not be sent: {}", e.getMessage());
            throw new DomainException(EmailErrorCode.MAIL_NOT_SENT, "the test mail was not sent: " + e.getMessage());
        }
    }

    @Override
    public List<ProviderView> providers(Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        return Arrays.stream(IdentityProvider.values()).map(this::providerView).toList();
    }

    @Override
    public ProviderView setProvider(String code, ProviderChange change, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        IdentityProvider provider = IdentityProvider.fromCode(code);
        boolean enabled = change.enabled() == null || change.enabled();
        SignInProviderSettings wanted = new SignInProviderSettings(
                provider, enabled, change.clientId(), change.endpoints() == null ? Map.of() : change.endpoints());
        String secret = change.clientSecret() == null
                ? settings.provider(provider).clientSecret()
                : secret("clientSecret", change.clientSecret());
        if (enabled && secret.isEmpty()) {
            throw new InvalidValueException("clientSecret", "clientSecret is required to enable the provider");
        }
        String secretId = IntegrationSettingsDirectory.providerSecret(provider);
        secrets.store(secretId, secret.isEmpty() ? List.of() : List.of(secret));
        await(commands.sendAndWait(new SetSignInProviderCommand(
                IntegrationSettings.ID, wanted, !secret.isEmpty(), caller.actor(), clock.now())));
        return providerView(provider);
    }

    @Override
    public ProviderView resetProvider(String code, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        IdentityProvider provider = IdentityProvider.fromCode(code);
        await(commands.sendAndWait(
                new ClearSignInProviderCommand(IntegrationSettings.ID, provider, caller.actor(), clock.now())));
        secrets.store(IntegrationSettingsDirectory.providerSecret(provider), List.of());
        return providerView(provider);
    }

    private void await(long version) {
        freshness.await(IntegrationSettings.ID, version, VIEW_WAIT);
    }

    private static String secret(String field, String value) {
        if (value.length() > MAX_SECRET || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(field, field + " must be at most " + MAX_SECRET + " printable characters");
        }
        return value;
    }

    private MailView mailView() {
        IntegrationSettingsDirectory.Mail m = settings.mail();
        return new MailView(
                settings.mailStored() ? FROM_SETTINGS : FROM_CONFIGURATION,
                m.configured(),
                m.host(),
                m.port(),
                m.username(),
                !m.password().isEmpty(),
                m.from(),
                m.startTls());
    }

    private ProviderView providerView(IdentityProvider provider) {
        IntegrationSettingsDirectory.Provider p = settings.provider(provider);
        return new ProviderView(
                provider.code(),
                settings.stored(provider) ? FROM_SETTINGS : FROM_CONFIGURATION,
                p.enabled(),
                p.clientId(),
                !p.clientSecret().isEmpty(),
                p.endpoints(),
                CALLBACK + provider.code());
    }
}
