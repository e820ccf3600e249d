package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a model's price (the model is then refused by the relay until a price is set again). */
public record RemoveModelPriceCommand(
        @TargetAggregateIdentifier String model, String actor, Instant at) {
    public RemoveModelPriceCommand {
        Checks.requireText("model", model, 200);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
