package dev.tollgate.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.outage.*}: how a node behaves while its database refuses writes or cannot be reached (issue 20,
 * docs/reliability.md).
 *
 * @param maxUnsettledSpending quota units this node may charge that the database has not recorded yet; beyond it new
 *     relay requests are refused with 503 {@code billing_unavailable} until the billing journal's settlements are
 *     stored. The default, 5,000,000 units (10 USD), covers a 30 s outage at 300 requests/s of up to 550 units each
 * @param healthGrace how long the billing journal's writes may fail before {@code /actuator/health} is DOWN (a short
 *     lock or a fail-over of the database is not an outage)
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.outage")
public record OutageProperties(
        @DefaultValue("5000000") @Min(1) @Max(1_000_000_000_000L)
        long maxUnsettledSpending,

        @DefaultValue("PT5S") @NotNull @DurationMin(millis = 0)
        Duration healthGrace) {}
