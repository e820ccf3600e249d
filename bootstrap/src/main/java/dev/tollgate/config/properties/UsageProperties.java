package dev.tollgate.config.properties;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long usage records are kept.
 *
 * @param retention usage records older than this (whole UTC days) are deleted; the daily totals behind the summaries
 *     are kept
 * @param pruneInterval how often old usage records are looked for
 * @param pruneBatchSize the most usage records deleted in one statement
 */
@Validated
@ConfigurationProperties("tollgate.usage")
public record UsageProperties(
        @DefaultValue("P90D") @NotNull @DurationMin(days = 1)
        Duration retention,

        @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1)
        Duration pruneInterval,

        @DefaultValue("1000") @Positive int pruneBatchSize) {}
