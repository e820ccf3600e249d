package dev.tollgate.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration as code ({@code tollgate.config-file.*}, docs/configuration-as-code.md).
 *
 * @param path         the YAML file ({@code TOLLGATE_CONFIG_FILE}); empty: off, everything is managed through the API
 * @param pollInterval how often the file is checked for a change (100 ms to 1 min)
 * @param maxBytes     the largest file read (a bigger one is refused unread)
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.config-file")
public record ConfigFileProperties(
        String path,

        @DefaultValue("PT2S") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 1)
        Duration pollInterval,

        @DefaultValue("1048576") @Min(1024) @Max(16 * 1024 * 1024)
        long maxBytes) {

    public ConfigFileProperties {
        if (pollInterval == null) {
            pollInterval = Duration.ofSeconds(2);
        }
        if (maxBytes == 0) {
            maxBytes = 1024 * 1024;
        }
    }

    boolean enabled() {
        return path != null && !path.isBlank();
    }
}
