package dev.tollgate.application.billing.service;

import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Follows the request events that other processes store (processing group {@value #PROCESSING_GROUP}, from the
 * position of the quota snapshot this process started from): their reservations are held here too, their settlements
 * release them and count as spent. Events this process stored itself carry its id ({@value #NODE}) and are skipped:
 * it applied them to memory when it made them, and never reads them back into the figures.
 */
public class ForeignRequestEvents {
    public static final String PROCESSING_GROUP = "request-events";
    /** The metadata entry naming the process that stored a request event. */
    public static final String NODE = "node";

    private final QuotaLedger ledger;
    private final String node;

    /** @param node this process's id, as its billing journal records it */
    public ForeignRequestEvents(QuotaLedger ledger, String node) {
        this.ledger = ledger;
        this.node = node;
    }

    @EventHandler
    void on(QuotaReservedEvent event, @MetaDataValue(NODE) String storedBy) {
        if (!node.equals(storedBy)) {
            ledger.holdForeign(event);
        }
    }

    @EventHandler
    void on(RequestSettledEvent event, @MetaDataValue(NODE) String storedBy) {
        if (!node.equals(storedBy)) {
            ledger.applyForeignSettlement(event);
        }
    }
}
