package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A model's price was set, in quota units per one million input and output tokens. */
@Revision("1")
public record ModelPriceSetEvent(String model, long inputPerMillion, long outputPerMillion, String actor, Instant at)
        implements ModelPriceEvent {
}
