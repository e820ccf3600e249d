package dev.tollgate.domain.token.event;

/** Every fact recorded about an API key. */
public sealed interface TokenEvent permits TokenIssuedEvent, TokenUpdatedEvent, TokenDeletedEvent, TokenRotatedEvent {
    String tokenId();
}
