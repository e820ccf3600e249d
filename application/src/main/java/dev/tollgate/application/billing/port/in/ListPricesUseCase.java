package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Page;

/**
 * The admin API's list of model prices, a page at a time, by model name, read from the stored read side (ADR 12)
 * after it has caught up with the last price set. Anyone signed in may read it (as before).
 */
public interface ListPricesUseCase {
    /** @param q part of the model name (case-insensitive); null: any */
    Page<PriceView> list(String q, int page, int size);
}
