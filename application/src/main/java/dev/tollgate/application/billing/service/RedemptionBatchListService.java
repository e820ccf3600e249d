package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.ListRedemptionBatchesUseCase;
import dev.tollgate.application.billing.port.in.RedemptionBatchView;
import dev.tollgate.application.billing.port.out.RedemptionBatchListPort;
import dev.tollgate.application.billing.port.out.RedemptionBatchListPort.BatchQuery;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.List;

/**
 * Lists redemption batches from their stored projection ({@link RedemptionBatchListPort}): the caller must be a
 * platform admin (checked first), then the parameters are checked, then the read side is given the time to apply the
 * caller's own last changes. A batch's status is computed as of the time of the call (expired or not).
 */
public class RedemptionBatchListService implements ListRedemptionBatchesUseCase {
    static final String ADMINS_ONLY = "only platform admins may manage redemption codes";
    private static final List<String> VIEWS = List.of(RedemptionBatchListPort.PROCESSING_GROUP);

    private final RedemptionBatchListPort batches;
    private final ReadSideCatchUpPort catchUp;
    private final ClockPort clock;

    public RedemptionBatchListService(RedemptionBatchListPort batches, ReadSideCatchUpPort catchUp, ClockPort clock) {
        this.batches = batches;
        this.catchUp = catchUp;
        this.clock = clock;
    }

    @Override
    public Page<RedemptionBatchView> list(Caller caller, String q, String status, int page, int size) {
        caller.requireAdmin(ADMINS_ONLY);
        PageRequest request = new PageRequest(page, size);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidValueException("status", "status must be one of " + String.join(", ", STATUSES));
        }
        BatchQuery query = new BatchQuery(new TextSearch(q), status, clock.now());
        catchUp.awaitCurrent(VIEWS);
        // the total first: a batch stored between the two reads is then on the page too, never only in the total
        long total = batches.count(query);
        return new Page<>(batches.find(query, request.offset(), request.size()), request.page(), request.size(), total);
    }
}
