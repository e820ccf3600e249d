package dev.tollgate.domain.token.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A key was deleted. */
@Revision("1")
public record TokenDeletedEvent(String tokenId, String actor, Instant at) implements TokenEvent {}
