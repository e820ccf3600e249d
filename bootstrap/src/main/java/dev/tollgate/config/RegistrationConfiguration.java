package dev.tollgate.config;

import dev.tollgate.adapter.out.captcha.TurnstileCaptchaAdapter;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.out.CaptchaPort;
import dev.tollgate.application.account.service.RegistrationAdmissionService;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.config.properties.RegistrationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gate of self-registration: the per-address limit and the CAPTCHA ({@code tollgate.registration.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistrationProperties.class)
public class RegistrationConfiguration {

    @Bean
    CaptchaPort captchaPort(RegistrationProperties registration) {
        RegistrationProperties.Turnstile turnstile = registration.turnstile();
        return new TurnstileCaptchaAdapter(new TurnstileCaptchaAdapter.Settings(
                turnstile.siteKey(), turnstile.secretKey(), turnstile.verifyUrl(), turnstile.timeout()));
    }

    @Bean
    RegistrationAdmissionService registrationAdmissionService(
            RegistrationProperties registration, CaptchaPort captcha, UserDirectory users, ClockPort clock) {
        return new RegistrationAdmissionService(
                RegistrationAdmissionService.limit(registration.maxPerAddress(), registration.window()),
                captcha,
                users,
                clock);
    }
}
