package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A member's monthly budget in the organisation was set: at most {@code monthlyBudget} quota units per calendar month
 * (UTC) across all the member's keys of the organisation; {@code null} removes the budget.
 */
@Revision("1")
public record MemberBudgetSetEvent(String organizationId, String userId, Long monthlyBudget, String actor, Instant at)
        implements OrganizationEvent {}
