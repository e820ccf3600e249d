package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;

/** Issue a new API key for the caller. */
public interface IssueTokenUseCase {
    /** The answer holds the clear key: the only time it is ever shown. */
    IssuedToken issue(IssueTokenRequest request, Caller caller);

    /**
     * A key of the caller in one of their organisations: its wallet pays, its granted groups and models and its key
     * defaults apply. Only members hold keys of an organisation; a caller who may not see it gets "not found".
     */
    IssuedToken issue(IssueTokenRequest request, String organizationId, Caller caller);
}
