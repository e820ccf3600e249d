package dev.tollgate.application.account.query;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** In-memory view of users, kept current by their events. */
public class UserDirectory {
    private final Map<String, UserView> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByUsername = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;

    public UserDirectory(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        byId.put(event.userId(), new UserView(event.userId(), event.username(), Role.valueOf(event.role()),
                event.passwordHash(), event.at()));
        idByUsername.put(event.username().toLowerCase(Locale.ROOT), event.userId());
        freshness.applied(event.userId(), sequence);
    }

    public Optional<UserView> findById(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }

    /** Usernames are unique ignoring case. */
    public Optional<UserView> findByUsername(String username) {
        String id = idByUsername.get(username.toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : findById(id);
    }
}
