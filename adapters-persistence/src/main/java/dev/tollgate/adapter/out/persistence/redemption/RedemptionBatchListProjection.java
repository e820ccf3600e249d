package dev.tollgate.adapter.out.persistence.redemption;

import dev.tollgate.application.billing.port.out.RedemptionBatchListPort;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchCreatedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDeletedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDisabledEvent;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@code redemption_batch_listing} and {@code redemption_code_listing} current for the admin API's list (ADR 12):
 * a row per batch (disabled and deleted in place) and a row per code, keyed by its hash. A redemption marks its code's
 * row and counts in its batch only when that row was not yet redeemed, so a redemption replayed or recorded twice
 * counts once. Runs in its own tracking processor ({@value #PROCESSING_GROUP}, JPA transactions, token in
 * {@code token_entry}); every handler is idempotent.
 */
public class RedemptionBatchListProjection {
    public static final String PROCESSING_GROUP = RedemptionBatchListPort.PROCESSING_GROUP;

    private final EntityManager entityManager;

    /** {@code entityManager}: the shared, transaction-bound one. */
    public RedemptionBatchListProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(RedemptionBatchCreatedEvent e) {
        if (entityManager.find(RedemptionBatchListingEntity.class, e.batchId()) != null) {
            return;
        }
        entityManager.persist(new RedemptionBatchListingEntity(
                e.batchId(), e.name(), e.value(), e.expiresAt(), e.codeHashes().size(), e.at()));
        for (String hash : e.codeHashes()) {
            entityManager.persist(new RedemptionCodeListingEntity(hash, e.batchId()));
        }
    }

    @EventHandler
    void on(RedemptionBatchDisabledEvent e) {
        RedemptionBatchListingEntity batch = entityManager.find(RedemptionBatchListingEntity.class, e.batchId());
        if (batch != null) {
            batch.disable();
        }
    }

    @EventHandler
    void on(RedemptionBatchDeletedEvent e) {
        RedemptionBatchListingEntity batch = entityManager.find(RedemptionBatchListingEntity.class, e.batchId());
        if (batch != null) {
            batch.delete();
        }
    }

    @EventHandler
    void on(CodeRedeemedEvent e) {
        RedemptionCodeListingEntity code = entityManager.find(RedemptionCodeListingEntity.class, e.codeHash());
        if (code == null || code.redeemed()) {
            return;
        }
        code.redeemed(e.at());
        RedemptionBatchListingEntity batch = entityManager.find(RedemptionBatchListingEntity.class, code.batchId());
        if (batch != null) {
            batch.countRedeemed();
        }
    }
}
