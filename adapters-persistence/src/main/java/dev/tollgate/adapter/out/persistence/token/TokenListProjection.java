package dev.tollgate.adapter.out.persistence.token;

import dev.tollgate.application.token.port.out.TokenListPort;
import dev.tollgate.domain.common.Subnet;
import dev.tollgate.domain.token.TokenLimits;
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenRotatedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@code token_listing} current for the admin API's lists (ADR 12): a row per key, changed in place, removed
 * with the key, as the in-memory key directory applies the same events (the same defaults for older events: the
 * default group, no subnets; subnets written as the directory shows them). Never a key's hash. Runs in its own tracking
 * processor ({@value #PROCESSING_GROUP}, JPA transactions, token in {@code token_entry}); every handler is idempotent.
 */
public class TokenListProjection {
    public static final String PROCESSING_GROUP = TokenListPort.PROCESSING_GROUP;
    static final String ENABLED = "enabled";

    private final EntityManager entityManager;

    /** What an issue or an update sets, as the list shows it. */
    record Settings(
            String name,
            String status,
            long quota,
            boolean unlimitedQuota,
            Instant expiresAt,
            List<String> models,
            String group,
            List<String> subnets,
            Long rpm,
            Long tpm) {
        Settings {
            models = models == null ? List.of() : models;
            group = group == null ? TokenLimits.DEFAULT_GROUP : group;
            subnets = subnets == null
                    ? List.of()
                    : subnets.stream()
                            .map(s -> Subnet.parse("subnets", s).toString())
                            .toList();
        }
    }

    /** {@code entityManager}: the shared, transaction-bound one. */
    public TokenListProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(TokenIssuedEvent e) {
        if (entityManager.find(TokenListingEntity.class, e.tokenId()) != null) {
            return;
        }
        TokenListingEntity key =
                new TokenListingEntity(e.tokenId(), e.ownerId(), e.organization(), e.maskedKey(), e.at());
        key.settings(
                new Settings(
                        e.name(),
                        ENABLED,
                        e.quota(),
                        e.unlimitedQuota(),
                        e.expiresAt(),
                        e.models(),
                        e.group(),
                        e.subnets(),
                        e.rpm(),
                        e.tpm()),
                e.at());
        entityManager.persist(key);
    }

    @EventHandler
    void on(TokenUpdatedEvent e) {
        TokenListingEntity key = entityManager.find(TokenListingEntity.class, e.tokenId());
        if (key != null) {
            key.settings(
                    new Settings(
                            e.name(),
                            e.status(),
                            e.quota(),
                            e.unlimitedQuota(),
                            e.expiresAt(),
                            e.models(),
                            e.group(),
                            e.subnets(),
                            e.rpm(),
                            e.tpm()),
                    e.at());
        }
    }

    @EventHandler
    void on(TokenRotatedEvent e) {
        TokenListingEntity key = entityManager.find(TokenListingEntity.class, e.tokenId());
        if (key != null) {
            key.rotated(e.maskedKey(), e.at());
        }
    }

    @EventHandler
    void on(TokenDeletedEvent e) {
        TokenListingEntity key = entityManager.find(TokenListingEntity.class, e.tokenId());
        if (key != null) {
            entityManager.remove(key);
        }
    }
}
