package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Every session of a user signed in before {@code at} ended (an admin's or the user's own decision). */
@Revision("1")
public record UserSessionsEndedEvent(String userId, String actor, Instant at) implements UserEvent {}
