package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A model's price was removed (e.g. an old {@code <model>:audio} entry once moved into the model's own price). */
@Revision("1")
public record ModelPriceRemovedEvent(String model, String actor, Instant at) implements ModelPriceEvent {}
