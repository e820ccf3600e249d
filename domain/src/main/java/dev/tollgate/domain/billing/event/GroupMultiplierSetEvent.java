package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A routing group's price multiplier was set, in thousandths of the list price. */
@Revision("1")
public record GroupMultiplierSetEvent(String policyId, String group, long perMille, String actor, Instant at) {}
