package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user was deleted: they cannot sign in and their keys are refused. */
@Revision("1")
public record UserDeletedEvent(String userId, String actor, Instant at) implements UserEvent {}
