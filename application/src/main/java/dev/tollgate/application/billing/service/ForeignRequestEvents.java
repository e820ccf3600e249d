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
    /** Between the node and the serial number in the identifier of a request event (node ids have no colon). */
    private static final char ID_SEPARATOR = ':';

    private final QuotaLedger ledger;
    private final String node;

    /** @param node this process's id, as its billing journal records it */
    public ForeignRequestEvents(QuotaLedger ledger, String node) {
        this.ledger = ledger;
        this.node = node;
    }

    /**
     * The identifier of the {@code serial}-th request event this process stores: its node id first, so that its own
     * events are recognised when they are read back without deserialising their metadata (a third of the cost of
     * skipping them).
     */
    public static String eventIdentifier(String node, long serial) {
        return node + ID_SEPARATOR + Long.toString(serial, Character.MAX_RADIX);
    }

    /** Whether {@code node} stored the event of this identifier ({@link #eventIdentifier}). */
    public static boolean storedBy(String node, String eventIdentifier) {
        return eventIdentifier.length() > node.length()
                && eventIdentifier.charAt(node.length()) == ID_SEPARATOR
                && eventIdentifier.startsWith(node);
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
