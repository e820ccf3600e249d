package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import java.util.List;

/**
 * The admin API's list of redemption batches, a page at a time, read from the stored read side (ADR 12) after it has
 * caught up with the caller's own changes. Platform admins only, checked before any parameter.
 */
public interface ListRedemptionBatchesUseCase {
    /** The statuses a batch may have, as the list shows and filters them. */
    List<String> STATUSES = List.of("active", "used_up", "expired", "disabled");

    /**
     * The batches, newest first.
     *
     * @param q      part of the name (case-insensitive); null: any
     * @param status one of {@link #STATUSES}, as of the time of the call; null: any
     */
    Page<RedemptionBatchView> list(Caller caller, String q, String status, int page, int size);
}
