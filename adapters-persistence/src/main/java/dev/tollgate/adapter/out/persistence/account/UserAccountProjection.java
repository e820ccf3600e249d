package dev.tollgate.adapter.out.persistence.account;

import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserStatus;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.account.event.UserRoleChangedEvent;
import dev.tollgate.domain.account.event.UserStatusChangedEvent;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@code user_account} current for the admin API's list of users (ADR 12): a row per registration, its role
 * and status changed in place, removed with the user. Runs in its own tracking processor ({@value #PROCESSING_GROUP},
 * JPA transactions, token in {@code token_entry}); every handler is idempotent, so a replay changes nothing.
 */
public class UserAccountProjection {
    public static final String PROCESSING_GROUP = UserAccountsPort.PROCESSING_GROUP;

    private final EntityManager entityManager;

    /** {@code entityManager}: the shared, transaction-bound one. */
    public UserAccountProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(UserRegisteredEvent e) {
        if (entityManager.find(UserAccountEntity.class, e.userId()) == null) {
            entityManager.persist(new UserAccountEntity(
                    e.userId(), e.username(), Role.valueOf(e.role()).name(), UserStatus.ENABLED.code(), e.at()));
        }
    }

    @EventHandler
    void on(UserRoleChangedEvent e) {
        UserAccountEntity user = entityManager.find(UserAccountEntity.class, e.userId());
        if (user != null) {
            user.role(Role.valueOf(e.role()).name());
        }
    }

    @EventHandler
    void on(UserStatusChangedEvent e) {
        UserAccountEntity user = entityManager.find(UserAccountEntity.class, e.userId());
        if (user != null) {
            user.status(UserStatus.fromCode(e.status()).code());
        }
    }

    @EventHandler
    void on(UserDeletedEvent e) {
        UserAccountEntity user = entityManager.find(UserAccountEntity.class, e.userId());
        if (user != null) {
            entityManager.remove(user);
        }
    }
}
