package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.billing.query.PriceView;
import java.util.List;
import java.util.Optional;

/** Read the price table. */
public interface PriceQueryUseCase {
    List<PriceView> prices();

    Optional<PriceView> price(String model);
}
