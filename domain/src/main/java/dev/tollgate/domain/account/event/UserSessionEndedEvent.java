package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * One session of a user ended (a logout): its bearer token, identified by {@code sessionId} (the token's {@code jti}),
 * is refused from now on; after {@code expiresAt} it would have been refused anyway.
 */
@Revision("1")
public record UserSessionEndedEvent(String userId, String sessionId, Instant expiresAt, String actor, Instant at)
        implements UserEvent {}
