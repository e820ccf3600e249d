package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.domain.billing.Price;

/** Set a model's price (platform admins only). */
public interface SetPriceUseCase {
    PriceView setPrice(String model, long inputPerMillion, long outputPerMillion, Caller caller);

    /** Sets every part of a model's price (tokens, images, audio seconds, per request). */
    PriceView setPrice(String model, Price price, Caller caller);
}
