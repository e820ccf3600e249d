package dev.tollgate.domain.account.event;

/** An event of a personal access token. */
public sealed interface PersonalAccessTokenEvent
        permits PersonalAccessTokenCreatedEvent, PersonalAccessTokenRevokedEvent {
    /** The token's id. */
    String accessTokenId();
}
