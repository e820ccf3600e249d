package dev.tollgate.application.account.port.in;

import dev.tollgate.application.account.query.LinkedIdentity;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.RegistrationMode;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserStatus;
import dev.tollgate.domain.account.event.ExternalIdentityLinkedEvent;
import dev.tollgate.domain.account.event.ExternalIdentityUnlinkedEvent;
import dev.tollgate.domain.account.event.RegistrationModeSetEvent;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserEmailSetEvent;
import dev.tollgate.domain.account.event.UserPasswordChangedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.account.event.UserRoleChangedEvent;
import dev.tollgate.domain.account.event.UserSessionEndedEvent;
import dev.tollgate.domain.account.event.UserSessionsEndedEvent;
import dev.tollgate.domain.account.event.UserStatusChangedEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * In-memory view of users and of the registration mode, kept current by their events (on every node, so a disabled
 * user's keys and sessions are refused everywhere as soon as the event reaches the node), and of the external
 * identities linked to them. An identity stays mapped to its user after the user is deleted, so that it is refused
 * rather than silently given a new account.
 */
public class UserDirectory {
    private final Map<String, UserView> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByUsername = new ConcurrentHashMap<>();
    private final Map<String, LinkedIdentity> identityByKey = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;
    private volatile RegistrationMode registrationMode = RegistrationMode.CLOSED;
    /** Sessions ended by a logout, until they would have expired anyway (the expired ones are pruned). */
    private final Map<String, Instant> endedSessions = new ConcurrentHashMap<>();

    private static final int PRUNE_ENDED_SESSIONS_AT = 1_000;

    public UserDirectory(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        byId.put(
                event.userId(),
                new UserView(
                        event.userId(),
                        event.username(),
                        Role.valueOf(event.role()),
                        event.passwordHash(),
                        event.at(),
                        UserStatus.ENABLED,
                        Instant.EPOCH));
        idByUsername.put(event.username().toLowerCase(Locale.ROOT), event.userId());
        freshness.applied(event.userId(), sequence);
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @SequenceNumber long sequence) {
        byId.computeIfPresent(
                event.userId(),
                (id, u) -> new UserView(
                        id,
                        u.username(),
                        Role.valueOf(event.role()),
                        u.passwordHash(),
                        u.registeredAt(),
                        u.status(),
                        u.sessionsValidFrom()));
        freshness.applied(event.userId(), sequence);
    }

    @EventHandler
    void on(UserStatusChangedEvent event, @SequenceNumber long sequence) {
        byId.computeIfPresent(
                event.userId(),
                (id, u) -> new UserView(
                        id,
                        u.username(),
                        u.role(),
                        u.passwordHash(),
                        u.registeredAt(),
                        UserStatus.fromCode(event.status()),
                        u.sessionsValidFrom()));
        freshness.applied(event.userId(), sequence);
    }

    @EventHandler
    void on(UserSessionsEndedEvent event, @SequenceNumber long sequence) {
        byId.computeIfPresent(
                event.userId(),
                (id, u) -> new UserView(
                        id, u.username(), u.role(), u.passwordHash(), u.registeredAt(), u.status(), event.at()));
        freshness.applied(event.userId(), sequence);
    }

    @EventHandler
    void on(UserSessionEndedEvent event, @SequenceNumber long sequence) {
        if (event.expiresAt().isAfter(event.at())) {
            if (endedSessions.size() >= PRUNE_ENDED_SESSIONS_AT) {
                endedSessions.values().removeIf(expiry -> !expiry.isAfter(event.at()));
            }
            endedSessions.put(event.sessionId(), event.expiresAt());
        }
        freshness.applied(event.userId(), sequence);
    }

    /** Whether the session (a bearer token's {@code jti}) was ended by a logout before it expired. */
    public boolean sessionEnded(String sessionId) {
        return sessionId != null && endedSessions.containsKey(sessionId);
    }

    @EventHandler
    void on(UserPasswordChangedEvent event, @SequenceNumber long sequence) {
        byId.computeIfPresent(
                event.userId(),
                (id, u) -> new UserView(
                        id, u.username(), u.role(), event.passwordHash(), u.registeredAt(), u.status(), event.at()));
        freshness.applied(event.userId(), sequence);
    }

    /** A user's e-mail address, and whether they proved they read it. */
    public record UserEmail(String email, boolean verified) {}

    private final Map<String, UserEmail> emails = new ConcurrentHashMap<>();

    @EventHandler
    void on(UserEmailSetEvent event, @SequenceNumber long sequence) {
        emails.put(event.userId(), new UserEmail(event.email(), event.verified()));
        freshness.applied(event.userId(), sequence);
    }

    /** The user's e-mail address, if they gave one. */
    public Optional<UserEmail> emailOf(String userId) {
        return Optional.ofNullable(emails.get(userId));
    }

    @EventHandler
    void on(UserDeletedEvent event, @SequenceNumber long sequence) {
        emails.remove(event.userId());
        deletedUsers.add(event.userId());
        UserView removed = byId.remove(event.userId());
        if (removed != null) {
            idByUsername.remove(removed.username().toLowerCase(Locale.ROOT), event.userId());
        }
        freshness.applied(event.userId(), sequence);
    }

    @EventHandler
    void on(ExternalIdentityLinkedEvent event, @SequenceNumber long sequence) {
        identityByKey.put(
                key(event.provider(), event.subject()),
                new LinkedIdentity(
                        event.userId(), event.provider(), event.subject(), event.login(), event.email(), event.at()));
        freshness.applied(event.userId(), sequence);
    }

    @EventHandler
    void on(ExternalIdentityUnlinkedEvent event, @SequenceNumber long sequence) {
        identityByKey.remove(key(event.provider(), event.subject()));
        freshness.applied(event.userId(), sequence);
    }

    @EventHandler
    void on(RegistrationModeSetEvent event, @SequenceNumber long sequence) {
        registrationMode = RegistrationMode.fromCode(event.mode());
        freshness.applied(event.policyId(), sequence);
    }

    public Optional<UserView> findById(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }

    /** Usernames are unique ignoring case. */
    public Optional<UserView> findByUsername(String username) {
        String id = idByUsername.get(username.toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : findById(id);
    }

    /** Whether the user exists and is enabled (their keys and sessions may be used). */
    /** Whether the user was deleted. */
    public boolean deleted(String userId) {
        return deletedUsers.contains(userId);
    }

    private final Set<String> deletedUsers = ConcurrentHashMap.newKeySet();

    public boolean active(String userId) {
        UserView u = byId.get(userId);
        return u != null && u.enabled();
    }

    /** The identity at {@code provider} with the provider's id {@code subject}, and the user it signs in as. */
    public Optional<LinkedIdentity> findIdentity(String provider, String subject) {
        return Optional.ofNullable(identityByKey.get(key(provider, subject)));
    }

    /** The identities linked to a user, by provider. */
    public List<LinkedIdentity> identitiesOf(String userId) {
        return identityByKey.values().stream()
                .filter(i -> i.userId().equals(userId))
                .sorted(Comparator.comparing(LinkedIdentity::provider))
                .toList();
    }

    private static String key(String provider, String subject) {
        return provider + "\n" + subject;
    }

    public List<UserView> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(UserView::registeredAt).thenComparing(UserView::userId))
                .toList();
    }

    public RegistrationMode registrationMode() {
        return registrationMode;
    }
}
