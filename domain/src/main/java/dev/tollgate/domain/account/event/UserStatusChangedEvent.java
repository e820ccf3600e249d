package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user was enabled or disabled. */
@Revision("1")
public record UserStatusChangedEvent(String userId, String status, String actor, Instant at) implements UserEvent {}
