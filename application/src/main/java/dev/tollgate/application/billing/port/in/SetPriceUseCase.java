package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.billing.query.PriceView;
import dev.tollgate.application.common.Caller;

/** Set a model's price (platform admins only). */
public interface SetPriceUseCase {
    PriceView setPrice(String model, long inputPerMillion, long outputPerMillion, Caller caller);
}
