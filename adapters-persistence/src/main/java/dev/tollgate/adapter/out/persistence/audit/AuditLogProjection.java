package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.domain.account.event.ExternalIdentityLinkedEvent;
import dev.tollgate.domain.account.event.ExternalIdentityUnlinkedEvent;
import dev.tollgate.domain.account.event.MailServerClearedEvent;
import dev.tollgate.domain.account.event.MailServerSetEvent;
import dev.tollgate.domain.account.event.PersonalAccessTokenCreatedEvent;
import dev.tollgate.domain.account.event.PersonalAccessTokenRevokedEvent;
import dev.tollgate.domain.account.event.RegistrationModeSetEvent;
import dev.tollgate.domain.account.event.SignInProviderClearedEvent;
import dev.tollgate.domain.account.event.SignInProviderSetEvent;
import dev.tollgate.domain.account.event.SiteTextsSetEvent;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserEmailSetEvent;
import dev.tollgate.domain.account.event.UserPasswordChangedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.account.event.UserRoleChangedEvent;
import dev.tollgate.domain.account.event.UserSessionEndedEvent;
import dev.tollgate.domain.account.event.UserSessionsEndedEvent;
import dev.tollgate.domain.account.event.UserStatusChangedEvent;
import java.util.Set;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * Keeps {@code audit_entry} current: one row per event that records an actor's decision, keyed by the event's id so a
 * replay inserts nothing twice. This class writes the entries of users, registration, site texts, personal access
 * tokens, external identities and e-mail addresses; {@link KeyAndChannelAuditProjection}, {@link
 * BillingAuditProjection} and {@link OrganizationAuditProjection} the others, all in the same processor, all through
 * {@link AuditEntryWriter}. Per-request settlements are not audited (they are the usage records). The client address
 * and request id come from the event's metadata ({@value #CLIENT_ADDRESS}, {@value #REQUEST_ID}), set when the event
 * was published during an HTTP request.
 *
 * <p>Summaries never hold a secret: no password hash, no key hash or masked key, no redemption code hash, no
 * upstream key. Runs in its own tracking processor ({@value #PROCESSING_GROUP}, every class of {@link #HANDLERS}),
 * whose transactions are JPA's (ADR 12): the rows are {@link AuditEntryEntity} entities, persisted at the batch's
 * commit in JDBC batches, in the transaction that also moves the processor's token.
 */
public class AuditLogProjection {
    public static final String PROCESSING_GROUP = "audit-log";
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String REQUEST_ID = "requestId";
    /** The handler classes of processor {@value #PROCESSING_GROUP}. */
    public static final Set<Class<?>> HANDLERS = Set.of(
            AuditLogProjection.class,
            KeyAndChannelAuditProjection.class,
            BillingAuditProjection.class,
            OrganizationAuditProjection.class);

    private final AuditEntryWriter audit;

    public AuditLogProjection(AuditEntryWriter audit) {
        this.audit = audit;
    }

    @EventHandler
    void on(UserRegisteredEvent e, EventMessage<?> m) {
        // a self-registration is the new user's own action
        audit.insert(
                m,
                e.at(),
                e.actor(),
                "self".equals(e.actor()) ? e.userId() : null,
                "user.registered",
                "user",
                e.userId(),
                "username=" + e.username() + " role=" + e.role()
                        + (e.invitedBy() == null ? "" : " invitedBy=" + e.invitedBy()));
    }

    @EventHandler
    void on(UserRoleChangedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "user.role_changed", "user", e.userId(), "role=" + e.role());
    }

    @EventHandler
    void on(UserStatusChangedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "user.status_changed", "user", e.userId(), "status=" + e.status());
    }

    @EventHandler
    void on(UserSessionsEndedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "user.sessions_ended", "user", e.userId(), null);
    }

    @EventHandler
    void on(UserSessionEndedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "user.logged_out", "user", e.userId(), null);
    }

    @EventHandler
    void on(UserPasswordChangedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "user.password_changed", "user", e.userId(), null);
    }

    @EventHandler
    void on(UserDeletedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "user.deleted", "user", e.userId(), null);
    }

    @EventHandler
    void on(RegistrationModeSetEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "registration.mode_set", "setting", e.policyId(), "mode=" + e.mode());
    }

    @EventHandler
    void on(SiteTextsSetEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "site.texts_set",
                "setting",
                e.siteId(),
                "name=" + e.name() + " logo="
                        + (e.logo().isEmpty() ? "none" : "inline") + " notice="
                        + e.notice().length() + " chars footer="
                        + e.footer().length() + " chars");
    }

    @EventHandler
    void on(MailServerSetEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "mail.server_set",
                "setting",
                "mail",
                "host=" + e.host() + " port=" + e.port() + " username=" + e.username() + " from=" + e.from()
                        + " startTls=" + e.startTls() + (e.passwordSet() ? " with password" : ""));
    }

    @EventHandler
    void on(MailServerClearedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "mail.server_cleared", "setting", "mail", "back to the configuration");
    }

    @EventHandler
    void on(SignInProviderSetEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "sign_in.provider_set",
                "setting",
                "sign-in:" + e.provider(),
                (e.enabled() ? "enabled" : "disabled") + " clientId=" + e.clientId() + " " + e.endpoints()
                        + (e.secretSet() ? " with client secret" : ""));
    }

    @EventHandler
    void on(SignInProviderClearedEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "sign_in.provider_cleared",
                "setting",
                "sign-in:" + e.provider(),
                "back to the configuration");
    }

    @EventHandler
    void on(PersonalAccessTokenCreatedEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "access_token.created",
                "access_token",
                e.accessTokenId(),
                "name=" + e.name() + " user=" + e.userId() + " scope=" + e.scope() + " expiresAt=" + e.expiresAt());
    }

    @EventHandler
    void on(PersonalAccessTokenRevokedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "access_token.revoked", "access_token", e.accessTokenId(), null);
    }

    @EventHandler
    void on(ExternalIdentityLinkedEvent e, EventMessage<?> m) {
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                "user.identity_linked",
                "user",
                e.userId(),
                "provider=" + e.provider() + " login=" + e.login());
    }

    @EventHandler
    void on(ExternalIdentityUnlinkedEvent e, EventMessage<?> m) {
        audit.insert(
                m, e.at(), e.actor(), null, "user.identity_unlinked", "user", e.userId(), "provider=" + e.provider());
    }

    @EventHandler
    void on(UserEmailSetEvent e, EventMessage<?> m) {
        // the address itself is personal data and stays out of the log
        audit.insert(
                m,
                e.at(),
                e.actor(),
                null,
                e.verified() ? "user.email_verified" : "user.email_set",
                "user",
                e.userId(),
                null);
    }
}
