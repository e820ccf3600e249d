package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.PriceQueryUseCase;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.query.PriceView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.command.SetModelPriceCommand;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Price administration. */
public class PriceService implements SetPriceUseCase, PriceQueryUseCase {
    private final CommandGateway commands;
    private final PriceBook book;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public PriceService(CommandGateway commands, PriceBook book, ClockPort clock, ViewFreshness freshness) {
        this.commands = commands;
        this.book = book;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public PriceView setPrice(String model, long inputPerMillion, long outputPerMillion, Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set prices");
        }
        Price price = new Price(inputPerMillion, outputPerMillion);
        long version = commands.sendAndWait(new SetModelPriceCommand(model, price, caller.actor(), clock.now()));
        freshness.await(model, version, Duration.ofSeconds(5));
        return book.find(model).orElseThrow();
    }

    @Override
    public List<PriceView> prices() {
        return book.all();
    }

    @Override
    public Optional<PriceView> price(String model) {
        return book.find(model);
    }
}
