package dev.tollgate.domain.billing.event;

/** Every fact recorded about a model's price. */
public sealed interface ModelPriceEvent permits ModelPriceSetEvent, ModelPriceRemovedEvent {
    String model();
}
