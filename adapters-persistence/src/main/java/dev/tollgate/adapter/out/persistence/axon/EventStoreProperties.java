package dev.tollgate.adapter.out.persistence.axon;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event stores.
 *
 * @param fetchDelay when the processors are caught up, the stores are asked for new events this often: how late
 *     another node's events (a key or user disabled there) are seen here (G10 asks for 1 s)
 */
@Validated
@ConfigurationProperties("tollgate.events")
public record EventStoreProperties(
        @DefaultValue("PT0.1S") @NotNull @DurationMin(millis = 1)
        Duration fetchDelay) {}
