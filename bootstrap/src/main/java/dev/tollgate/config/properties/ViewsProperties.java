package dev.tollgate.config.properties;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-memory views the relay and the admin API read.
 *
 * @param batchSize the events the views' processor handles in one batch
 * @param replayTimeout the longest start-up waits for the views to replay the event log
 */
@Validated
@ConfigurationProperties("tollgate.views")
public record ViewsProperties(
        @DefaultValue("200") @Positive @Max(100_000) int batchSize,

        @DefaultValue("PT10M") @NotNull @DurationMin(seconds = 1)
        Duration replayTimeout) {}
