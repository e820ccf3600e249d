package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.Price;
import java.util.List;

/** The default price table shipped with Tollgate (common models of the big providers), with its source and date. */
public interface DefaultPriceTablePort {
    DefaultPriceTable load();

    /**
     * @param pricesAsOf the date of the providers' public price lists the table was taken from (ISO-8601)
     * @param sources    where the prices come from, one line per provider
     * @param prices     model → price in quota units per one million tokens, in the table's order
     */
    record DefaultPriceTable(String pricesAsOf, List<String> sources, List<ModelPriceEntry> prices) {
        public DefaultPriceTable {
            sources = List.copyOf(sources);
            prices = List.copyOf(prices);
        }
    }

    record ModelPriceEntry(String model, Price price) {}
}
