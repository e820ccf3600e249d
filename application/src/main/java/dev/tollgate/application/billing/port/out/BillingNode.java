package dev.tollgate.application.billing.port.out;

import java.util.UUID;

/**
 * This process's id among the Tollgate processes that share one database, new at every start: recorded with its
 * reservations, its heartbeats and its quota allowances.
 */
public record BillingNode(String id) {
    public BillingNode {
        if (id == null || id.isBlank() || id.length() > 64 || id.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a node id has 1 to 64 characters and no colon");
        }
    }

    /** A new id for a process that is starting. */
    public static BillingNode random() {
        return new BillingNode(UUID.randomUUID().toString());
    }
}
