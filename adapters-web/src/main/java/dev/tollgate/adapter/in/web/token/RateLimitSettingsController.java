package dev.tollgate.adapter.in.web.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.token.port.in.UserRateLimitsUseCase;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.token.RateLimit;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The requests and tokens per minute all keys of one user may use together, the same for every user but root
 * ({@code GET|PUT /api/v1/settings/rate-limits {"userRpm","userTpm"}}, null for no limit; platform admins only).
 */
@RestController
public class RateLimitSettingsController {
    private final UserRateLimitsUseCase limits;

    public RateLimitSettingsController(UserRateLimitsUseCase limits) {
        this.limits = limits;
    }

    /** The per-user limits; {@code null} means no limit. */
    record UserRateLimitsBody(Long userRpm, Long userTpm) {
        static UserRateLimitsBody of(RateLimit limit) {
            return new UserRateLimitsBody(limit.rpm(), limit.tpm());
        }
    }

    @PlatformAdminOnly
    @GetMapping("/api/v1/settings/rate-limits")
    UserRateLimitsBody get(Authentication auth) {
        return UserRateLimitsBody.of(limits.userRateLimits(CurrentCaller.of(auth)));
    }

    /** Replaces both limits: a field left out or null means no limit. */
    @PlatformAdminOnly
    @PutMapping("/api/v1/settings/rate-limits")
    UserRateLimitsBody set(@RequestBody JsonNode json, Authentication auth) {
        if (json == null || !json.isObject()) {
            throw new InvalidValueException("body", "the body must be a JSON object {\"userRpm\",\"userTpm\"}");
        }
        PatchBody body = new PatchBody(json).requireOnly("userRpm", "userTpm");
        Long rpm = body.longValue("userRpm");
        Long tpm = body.longValue("userTpm");
        RateLimit limit;
        try {
            limit = new RateLimit(rpm, tpm);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(
                    "rpm".equals(e.field()) ? "userRpm" : "userTpm",
                    e.getMessage().replaceFirst("^rpm", "userRpm").replaceFirst("^tpm", "userTpm"));
        }
        return UserRateLimitsBody.of(limits.setUserRateLimits(limit, CurrentCaller.of(auth)));
    }
}
