package dev.tollgate.application.relay.port.in;

import dev.tollgate.application.token.port.in.TokenRecord;

/**
 * A relay caller whose API key was checked ({@link RelayUseCase#authenticate}): checked once, before the request
 * body is read, and handed to the call that follows.
 */
public record AuthenticatedKey(TokenRecord key) {}
