package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The incentives were set: units credited at sign-up and at the daily check-in. */
@Revision("1")
public record IncentivesSetEvent(String policyId, long signupBonus, long checkInBonus, String actor, Instant at) {
}
