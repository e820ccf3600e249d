package dev.tollgate.domain.billing.event;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A user checked in on a calendar day (UTC) and got the check-in bonus. Recorded once per user and day: it is the only
 * event of a stream named by both, so the event store's unique key refuses a second one, whatever races.
 */
@Revision("1")
public record CheckedInEvent(String userId, LocalDate day, String walletId, long amount, Instant at) {}
