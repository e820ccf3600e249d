package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set (or replace) the price of a model. */
public record SetModelPriceCommand(
        @TargetAggregateIdentifier String model, Price price, String actor, Instant at) {
    public SetModelPriceCommand {
        Checks.requireText("model", model, 200);
        Checks.requireNonNull("price", price);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
