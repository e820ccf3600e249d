package dev.tollgate.domain.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.billing.command.RemoveModelPriceCommand;
import dev.tollgate.domain.billing.command.SetModelPriceCommand;
import dev.tollgate.domain.billing.event.ModelPriceRemovedEvent;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The price of one model. Identified by the model name; created the first time a price is set; removed prices may be
 * set again.
 */
public class ModelPrice {

    @AggregateIdentifier
    private String model;

    private Price price;
    private long version = -1;

    protected ModelPrice() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetModelPriceCommand command) {
        if (!command.price().equals(price)) {
            Price p = command.price();
            apply(new ModelPriceSetEvent(
                    command.model(),
                    p.inputPerMillion(),
                    p.outputPerMillion(),
                    p.perImage(),
                    p.perAudioSecond(),
                    p.perRequest(),
                    command.actor(),
                    command.at(),
                    p.cachedInputPerMillion() == p.inputPerMillion() ? null : p.cachedInputPerMillion(),
                    p.cacheWritePerMillion() == p.inputPerMillion() ? null : p.cacheWritePerMillion(),
                    p.audioInputPerMillion() == 0 ? null : p.audioInputPerMillion(),
                    p.audioOutputPerMillion() == 0 ? null : p.audioOutputPerMillion()));
        }
        return version;
    }

    /** Removes the price; nothing when it is already removed. Returns the aggregate's version. */
    @CommandHandler
    public long handle(RemoveModelPriceCommand command) {
        if (price != null) {
            apply(new ModelPriceRemovedEvent(command.model(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(ModelPriceRemovedEvent event) {
        price = null;
        version++;
    }

    @EventSourcingHandler
    void on(ModelPriceSetEvent event) {
        model = event.model();
        price = event.price();
        version++;
    }
}
