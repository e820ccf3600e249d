package dev.tollgate.adapter.out.persistence.redemption;

import dev.tollgate.adapter.out.persistence.LikePatterns;
import dev.tollgate.adapter.out.persistence.OffsetPages;
import dev.tollgate.application.billing.port.in.RedemptionBatchView;
import dev.tollgate.application.billing.port.out.RedemptionBatchListPort;
import java.util.List;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code redemption_batch_listing} through its repository: offset pages as slices (no count query; the count is
 * a separate call), each page one statement; every batch's status computed as of the query's {@code now}.
 */
public class RedemptionBatchListPersistenceAdapter implements RedemptionBatchListPort {
    private final RedemptionBatchListingRepository batches;

    public RedemptionBatchListPersistenceAdapter(RedemptionBatchListingRepository batches) {
        this.batches = batches;
    }

    @Override
    public List<RedemptionBatchView> find(BatchQuery query, int offset, int limit) {
        return batches.findListed(
                        LikePatterns.containing(query.search().text()),
                        query.status(),
                        query.now(),
                        OffsetPages.of(offset, limit, Sort.unsorted()))
                .map(batch -> batch.view(query.now()))
                .getContent();
    }

    @Override
    public long count(BatchQuery query) {
        return batches.countListed(LikePatterns.containing(query.search().text()), query.status(), query.now());
    }
}
