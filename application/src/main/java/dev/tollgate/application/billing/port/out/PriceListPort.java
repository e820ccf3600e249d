package dev.tollgate.application.billing.port.out;

import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.common.TextSearch;
import java.util.List;

/**
 * The stored list of model prices (by model name), a projection of the prices' events. The relay never reads it: it
 * prices from the in-memory {@code PriceBook}.
 */
public interface PriceListPort {
    /** The processor that keeps the list. */
    String PROCESSING_GROUP = "price-list";

    /** A page of the prices whose model name contains the search text. */
    List<PriceView> find(TextSearch model, int offset, int limit);

    long count(TextSearch model);
}
