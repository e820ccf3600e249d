package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;

/** Issue a new API key for the caller. */
public interface IssueTokenUseCase {
    /** The answer holds the clear key: the only time it is ever shown. */
    IssuedToken issue(IssueTokenRequest request, Caller caller);
}
