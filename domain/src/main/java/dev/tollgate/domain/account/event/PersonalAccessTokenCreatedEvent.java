package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A personal access token was created; the secret itself is never recorded, only its SHA-256. */
@Revision("1")
public record PersonalAccessTokenCreatedEvent(
        String accessTokenId,
        String userId,
        String name,
        String secretHash,
        String maskedSecret,
        String scope,
        Instant expiresAt,
        String actor,
        Instant at)
        implements PersonalAccessTokenEvent {}
