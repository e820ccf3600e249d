package dev.tollgate.adapter.in.web.redemption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.billing.port.in.IncentiveUseCase;
import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.billing.port.in.WalletView;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incentives (奖励): the sign-up bonus and the daily check-in bonus ({@code /api/v1/settings/incentives}, admins set
 * them) and the check-in itself ({@code POST /api/v1/check-in}, once per calendar day in UTC).
 */
@RestController
public class IncentiveController {
    private final IncentiveUseCase incentives;

    public IncentiveController(IncentiveUseCase incentives) {
        this.incentives = incentives;
    }

    @GetMapping("/api/v1/settings/incentives")
    Incentives get() {
        return incentives.incentives();
    }

    /** Body {@code {"signupBonus", "checkInBonus"}} in units (0 switches one off); both required. */
    @PutMapping("/api/v1/settings/incentives")
    Incentives set(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("signupBonus", "checkInBonus");
        Long signup = body.longValue("signupBonus");
        Long checkIn = body.longValue("checkInBonus");
        if (signup == null || checkIn == null) {
            throw new dev.tollgate.domain.common.InvalidValueException(signup == null ? "signupBonus"
                    : "checkInBonus", "signupBonus and checkInBonus are required (0 switches one off)");
        }
        return incentives.setIncentives(signup, checkIn, CurrentCaller.of(auth));
    }

    @PostMapping("/api/v1/check-in")
    WalletView checkIn(Authentication auth) {
        return incentives.checkIn(CurrentCaller.of(auth));
    }
}
