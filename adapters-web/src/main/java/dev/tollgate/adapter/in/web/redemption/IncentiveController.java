package dev.tollgate.adapter.in.web.redemption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.configfile.ConfigFileManaged;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.billing.port.in.IncentiveUseCase;
import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.billing.port.in.InviteUseCase;
import dev.tollgate.application.billing.port.in.InviteView;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.domain.common.InvalidValueException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incentives (奖励): the sign-up bonus, the daily check-in bonus and the invite rewards
 * ({@code /api/v1/settings/incentives}, admins set them), the check-in itself ({@code POST /api/v1/check-in}, once per
 * calendar day in UTC) and the caller's invite code ({@code GET /api/v1/users/me/invite}).
 */
@RestController
public class IncentiveController {
    private final IncentiveUseCase incentives;
    private final InviteUseCase invites;

    public IncentiveController(IncentiveUseCase incentives, InviteUseCase invites) {
        this.incentives = incentives;
        this.invites = invites;
    }

    @GetMapping("/api/v1/settings/incentives")
    Incentives get() {
        return incentives.incentives();
    }

    /**
     * Body {@code {"signupBonus", "checkInBonus", "inviteeBonus"?, "inviterReward"?, "inviterRewardOn"?,
     * "inviterRewardCap"?}} in units (0 switches one off); the first two are required, an invite field left out keeps
     * its current value.
     */
    @PlatformAdminOnly
    @ConfigFileManaged(ManagedKind.INCENTIVES)
    @PutMapping("/api/v1/settings/incentives")
    Incentives set(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json)
                .requireOnly(
                        "signupBonus",
                        "checkInBonus",
                        "inviteeBonus",
                        "inviterReward",
                        "inviterRewardOn",
                        "inviterRewardCap");
        Long signup = body.longValue("signupBonus");
        Long checkIn = body.longValue("checkInBonus");
        if (signup == null || checkIn == null) {
            throw new InvalidValueException(
                    signup == null ? "signupBonus" : "checkInBonus",
                    "signupBonus and checkInBonus are required (0 switches one off)");
        }
        Incentives now = incentives.incentives();
        Long inviteeBonus = body.longValue("inviteeBonus");
        Long inviterReward = body.longValue("inviterReward");
        String rewardOn = body.text("inviterRewardOn");
        Long cap = body.longValue("inviterRewardCap");
        return incentives.setIncentives(
                new Incentives(
                        signup,
                        checkIn,
                        inviteeBonus == null ? now.inviteeBonus() : inviteeBonus,
                        inviterReward == null ? now.inviterReward() : inviterReward,
                        rewardOn == null ? now.inviterRewardOn() : rewardOn,
                        cap == null ? now.inviterRewardCap() : cap),
                CurrentCaller.of(auth));
    }

    /** The caller's invite code, how many signed up with it and how many of those rewarded the caller. */
    @GetMapping("/api/v1/users/me/invite")
    InviteView invite(Authentication auth) {
        return invites.invite(CurrentCaller.of(auth));
    }

    @PostMapping("/api/v1/check-in")
    WalletView checkIn(Authentication auth) {
        return incentives.checkIn(CurrentCaller.of(auth));
    }
}
