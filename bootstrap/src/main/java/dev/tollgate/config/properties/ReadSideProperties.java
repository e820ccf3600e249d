package dev.tollgate.config.properties;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin API's stored read side (ADR 12).
 *
 * @param catchUpWait the longest a list waits for its projections to apply the events stored before it was asked
 *     (read-your-writes); past it the list is answered as it is. 0: never wait
 */
@Validated
@ConfigurationProperties("tollgate.read-side")
public record ReadSideProperties(
        @DefaultValue("PT2S") @NotNull @DurationMax(seconds = 30)
        Duration catchUpWait) {}
