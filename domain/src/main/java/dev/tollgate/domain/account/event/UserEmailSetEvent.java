package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user's e-mail address was set: {@code verified} once the user proved they read it. */
@Revision("1")
public record UserEmailSetEvent(String userId, String email, boolean verified, String actor, Instant at)
        implements UserEvent {}
