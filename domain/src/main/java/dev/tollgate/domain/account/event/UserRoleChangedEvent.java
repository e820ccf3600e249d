package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user got another platform role. */
@Revision("1")
public record UserRoleChangedEvent(String userId, String role, String actor, Instant at) implements UserEvent {}
