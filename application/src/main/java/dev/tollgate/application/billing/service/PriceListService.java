package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.ListPricesUseCase;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.port.out.PriceListPort;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import java.util.List;

/**
 * Lists model prices from their stored projection ({@link PriceListPort}), after the read side has applied the prices
 * set before the call (an admin sees the price they just set). The relay keeps pricing from memory.
 */
public class PriceListService implements ListPricesUseCase {
    private static final List<String> VIEWS = List.of(PriceListPort.PROCESSING_GROUP);

    private final PriceListPort prices;
    private final ReadSideCatchUpPort catchUp;

    public PriceListService(PriceListPort prices, ReadSideCatchUpPort catchUp) {
        this.prices = prices;
        this.catchUp = catchUp;
    }

    @Override
    public Page<PriceView> list(String q, int page, int size) {
        PageRequest request = new PageRequest(page, size);
        TextSearch model = new TextSearch(q);
        catchUp.awaitCurrent(VIEWS);
        long total = prices.count(model);
        return new Page<>(prices.find(model, request.offset(), request.size()), request.page(), request.size(), total);
    }
}
