package dev.tollgate.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.secret-key-rotation.*}: sealing the stored secrets again after {@code tollgate.secret-key} changed
 * (the key it replaced configured as {@code tollgate.secret-key-previous}; docs/security.md, "Rotating the secret
 * key").
 *
 * @param resealOnStart after each start, seal every stored secret of another key again with the current key, in the
 *     background (the node serves meanwhile: reads accept both keys)
 * @param batchSize secrets sealed again per database transaction
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.secret-key-rotation")
public record SecretKeyRotationProperties(
        @DefaultValue("true") boolean resealOnStart,

        @DefaultValue("100") @Min(1) @Max(1000) int batchSize) {}
