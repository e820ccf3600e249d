package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An external identity no longer signs in as the user. */
@Revision("1")
public record ExternalIdentityUnlinkedEvent(String userId, String provider, String subject, String actor, Instant at)
        implements UserEvent {}
