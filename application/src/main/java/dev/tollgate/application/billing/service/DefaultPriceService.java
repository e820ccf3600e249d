package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.DefaultPricesUseCase;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.billing.port.out.DefaultPriceTablePort;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.common.Caller;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import java.util.ArrayList;
import java.util.List;

/** The shipped default price table, loaded through the ordinary price path (one event per price set). */
public class DefaultPriceService implements DefaultPricesUseCase {
    private final DefaultPriceTablePort table;
    private final PriceBook book;
    private final SetPriceUseCase prices;

    public DefaultPriceService(DefaultPriceTablePort table, PriceBook book, SetPriceUseCase prices) {
        this.table = table;
        this.book = book;
        this.prices = prices;
    }

    @Override
    public Result loadDefaults(boolean overwrite, Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set prices");
        }
        DefaultPriceTablePort.DefaultPriceTable defaults = table.load();
        List<String> set = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (DefaultPriceTablePort.ModelPriceEntry entry : defaults.prices()) {
            if (!overwrite && book.find(entry.model()).isPresent()) {
                kept.add(entry.model());
                continue;
            }
            prices.setPrice(entry.model(), entry.price(), caller);
            set.add(entry.model());
        }
        return new Result(defaults.pricesAsOf(), defaults.sources(), List.copyOf(set), List.copyOf(kept));
    }
}
