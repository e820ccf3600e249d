package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A personal access token was revoked. */
@Revision("1")
public record PersonalAccessTokenRevokedEvent(String accessTokenId, String actor, Instant at)
        implements PersonalAccessTokenEvent {}
