package dev.tollgate.adapter.out.persistence.price;

import dev.tollgate.application.billing.port.out.PriceListPort;
import dev.tollgate.domain.billing.event.ModelPriceRemovedEvent;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@code price_listing} current for the admin API's list (ADR 12): a row per model, replaced by each price set
 * and deleted when the price is removed, as the in-memory {@code PriceBook} applies the same events. Runs in its own tracking processor
 * ({@value #PROCESSING_GROUP}, JPA transactions, token in {@code token_entry}); replaying an event sets the same
 * values again.
 */
public class PriceListProjection {
    public static final String PROCESSING_GROUP = PriceListPort.PROCESSING_GROUP;

    private final EntityManager entityManager;

    /** {@code entityManager}: the shared, transaction-bound one. */
    public PriceListProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(ModelPriceSetEvent e) {
        PriceListingEntity row = entityManager.find(PriceListingEntity.class, e.model());
        if (row == null) {
            row = new PriceListingEntity(e.model());
            row.price(e.price(), e.at());
            entityManager.persist(row);
        } else {
            row.price(e.price(), e.at());
        }
    }

    @EventHandler
    void on(ModelPriceRemovedEvent e) {
        PriceListingEntity row = entityManager.find(PriceListingEntity.class, e.model());
        if (row != null) {
            entityManager.remove(row);
        }
    }
}
