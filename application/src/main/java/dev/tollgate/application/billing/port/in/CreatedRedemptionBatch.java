package dev.tollgate.application.billing.port.in;

import java.util.List;

/** A new batch and, this once, its codes in clear. */
public record CreatedRedemptionBatch(RedemptionBatchView batch, List<String> codes) {
    @Override
    public String toString() {
        return "CreatedRedemptionBatch[batch=" + batch + ", codes=<hidden>]";
    }
}
