package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import java.util.List;

/** Loads the shipped default price table (platform admins only). */
public interface DefaultPricesUseCase {
    /**
     * Sets the table's price of every model that has no price yet, or of every model in the table when
     * {@code overwrite} is true; each price set is a {@code ModelPriceSetEvent} with the caller as actor.
     */
    Result loadDefaults(boolean overwrite, Caller caller);

    /**
     * @param set  models whose price this call set (or confirmed, when overwriting with the same price)
     * @param kept models that already had a price and kept it
     */
    record Result(String pricesAsOf, List<String> sources, List<String> set, List<String> kept) {}
}
