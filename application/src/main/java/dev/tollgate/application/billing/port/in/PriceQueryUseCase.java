package dev.tollgate.application.billing.port.in;

import java.util.List;
import java.util.Optional;

/** Read the price table. */
public interface PriceQueryUseCase {
    List<PriceView> prices();

    Optional<PriceView> price(String model);
}
