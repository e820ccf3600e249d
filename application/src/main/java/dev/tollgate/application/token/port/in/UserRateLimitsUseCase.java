package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.domain.token.RateLimit;

/**
 * The requests and tokens per minute that all keys of one user may use together, the same for every user but root
 * (platform admins only).
 */
public interface UserRateLimitsUseCase {
    RateLimit userRateLimits(Caller caller);

    RateLimit setUserRateLimits(RateLimit limit, Caller caller);
}
