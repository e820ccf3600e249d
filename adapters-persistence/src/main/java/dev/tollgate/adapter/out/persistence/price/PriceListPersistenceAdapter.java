package dev.tollgate.adapter.out.persistence.price;

import dev.tollgate.adapter.out.persistence.LikePatterns;
import dev.tollgate.adapter.out.persistence.OffsetPages;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.port.out.PriceListPort;
import dev.tollgate.application.common.TextSearch;
import java.util.List;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code price_listing} through its repository: offset pages as slices (no count query; the count is a separate
 * call), each page one statement.
 */
public class PriceListPersistenceAdapter implements PriceListPort {
    private final PriceListingRepository prices;

    public PriceListPersistenceAdapter(PriceListingRepository prices) {
        this.prices = prices;
    }

    @Override
    public List<PriceView> find(TextSearch model, int offset, int limit) {
        return prices.findListed(LikePatterns.containing(model.text()), OffsetPages.of(offset, limit, Sort.unsorted()))
                .map(PriceListingEntity::view)
                .getContent();
    }

    @Override
    public long count(TextSearch model) {
        return prices.countListed(LikePatterns.containing(model.text()));
    }
}
