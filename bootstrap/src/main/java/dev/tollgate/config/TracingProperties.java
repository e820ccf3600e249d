package dev.tollgate.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Traces (docs/observability.md): off by default; {@code tollgate.tracing.enabled=true}
 * ({@code TOLLGATE_TRACING_ENABLED}) turns them on. application.yml derives Spring Boot's
 * {@code management.tracing.*} and {@code management.otlp.tracing.*} settings from these.
 *
 * @param enabled             record spans and export them by OTLP/HTTP; continue the client's W3C trace context
 * @param samplingProbability share of the traces started here that are recorded (a client's sampled flag wins)
 * @param otlpEndpoint        the OTLP/HTTP traces endpoint of a collector or Jaeger ({@code .../v1/traces})
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.tracing")
public record TracingProperties(
        @DefaultValue("false") boolean enabled,

        @DefaultValue("1.0") @DecimalMin("0.0") @DecimalMax("1.0")
        double samplingProbability,

        @DefaultValue("http://localhost:4318/v1/traces") @NotBlank
        String otlpEndpoint) {}
