package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.RegistrationAdmissionUseCase;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.out.CaptchaPort;
import dev.tollgate.application.common.SlidingWindowLimit;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.RegistrationMode;
import dev.tollgate.domain.common.DomainException;
import java.time.Duration;
import java.util.Optional;

/**
 * The gate in front of self-registration: at most a number of attempts per client address in a window (on this node),
 * then, while registration is open, the CAPTCHA. The address limit comes first, so a flood never reaches the CAPTCHA
 * service.
 */
public class RegistrationAdmissionService implements RegistrationAdmissionUseCase {
    private final SlidingWindowLimit perAddress;
    private final CaptchaPort captcha;
    private final UserDirectory users;
    private final ClockPort clock;

    public RegistrationAdmissionService(
            SlidingWindowLimit perAddress, CaptchaPort captcha, UserDirectory users, ClockPort clock) {
        this.perAddress = perAddress;
        this.captcha = captcha;
        this.users = users;
        this.clock = clock;
    }

    /** The limit of registration attempts per client address. */
    public static SlidingWindowLimit limit(int max, Duration window) {
        return new SlidingWindowLimit(
                max,
                window,
                "too_many_registrations",
                "at most " + max + " registrations from one address in " + window.toMinutes()
                        + " minutes; try again later");
    }

    @Override
    public void admit(String clientAddress, String captchaToken) {
        perAddress.take(clientAddress, clock.now());
        if (captchaRequired()) {
            if (captchaToken == null || captchaToken.isBlank()) {
                throw new DomainException(
                        AccountErrorCode.CAPTCHA_FAILED, "registration needs the CAPTCHA's token (captchaToken)");
            }
            if (!captcha.verify(captchaToken, clientAddress)) {
                throw new DomainException(AccountErrorCode.CAPTCHA_FAILED, "the CAPTCHA was not solved; try again");
            }
        }
    }

    @Override
    public Optional<String> captchaSiteKey() {
        return captchaRequired() ? Optional.of(captcha.siteKey()) : Optional.empty();
    }

    private boolean captchaRequired() {
        return captcha.enabled() && users.registrationMode() == RegistrationMode.OPEN;
    }
}
