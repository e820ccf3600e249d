package dev.tollgate.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.account.command.ClearMailServerCommand;
import dev.tollgate.domain.account.command.ClearSignInProviderCommand;
import dev.tollgate.domain.account.command.SetMailServerCommand;
import dev.tollgate.domain.account.command.SetSignInProviderCommand;
import dev.tollgate.domain.account.event.MailServerClearedEvent;
import dev.tollgate.domain.account.event.MailServerSetEvent;
import dev.tollgate.domain.account.event.SignInProviderClearedEvent;
import dev.tollgate.domain.account.event.SignInProviderSetEvent;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The installation's SMTP server and external sign-in providers as platform admins set them through the API (one per
 * installation, {@value #ID}); what is not set here comes from the server configuration. Secrets are kept encrypted
 * outside the event log. Every set is recorded (a secret may have changed, and every node reloads it on the event).
 * Handlers return the version after the change.
 */
public class IntegrationSettings {
    public static final String ID = "integrations";

    @AggregateIdentifier
    private String settingsId;

    private boolean mailSet;
    private final Set<String> providersSet = new HashSet<>();
    private long version = -1;

    protected IntegrationSettings() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetMailServerCommand command) {
        MailServer s = command.server();
        apply(new MailServerSetEvent(
                command.settingsId(),
                s.host(),
                s.port(),
                s.username(),
                s.from(),
                s.startTls(),
                command.passwordSet(),
                command.actor(),
                command.at()));
        return version;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ClearMailServerCommand command) {
        if (mailSet) {
            apply(new MailServerClearedEvent(command.settingsId(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetSignInProviderCommand command) {
        SignInProviderSettings p = command.provider();
        apply(new SignInProviderSetEvent(
                command.settingsId(),
                p.provider().code(),
                p.enabled(),
                p.clientId(),
                p.endpoints(),
                command.secretSet(),
                command.actor(),
                command.at()));
        return version;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ClearSignInProviderCommand command) {
        if (providersSet.contains(command.provider().code())) {
            apply(new SignInProviderClearedEvent(
                    command.settingsId(), command.provider().code(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(MailServerSetEvent event) {
        settingsId = event.settingsId();
        mailSet = true;
        version++;
    }

    @EventSourcingHandler
    void on(MailServerClearedEvent event) {
        settingsId = event.settingsId();
        mailSet = false;
        version++;
    }

    @EventSourcingHandler
    void on(SignInProviderSetEvent event) {
        settingsId = event.settingsId();
        providersSet.add(event.provider());
        version++;
    }

    @EventSourcingHandler
    void on(SignInProviderClearedEvent event) {
        settingsId = event.settingsId();
        providersSet.remove(event.provider());
        version++;
    }
}
