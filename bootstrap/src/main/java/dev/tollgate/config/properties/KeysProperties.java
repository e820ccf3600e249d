package dev.tollgate.config.properties;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API keys.
 *
 * @param lastUsedFlushInterval how often the keys' "last used" times are written to the database
 */
@Validated
@ConfigurationProperties("tollgate.keys")
public record KeysProperties(
        @DefaultValue("PT30S") @NotNull @DurationMin(millis = 1)
        Duration lastUsedFlushInterval) {}
