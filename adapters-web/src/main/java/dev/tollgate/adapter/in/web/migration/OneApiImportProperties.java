package dev.tollgate.adapter.in.web.migration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one-api import over HTTP.
 *
 * @param maxUploadBytes the largest one-api SQLite file {@code POST /api/v1/imports/one-api} accepts (the command
 *     line has no limit)
 */
@Validated
@ConfigurationProperties("tollgate.imports")
public record OneApiImportProperties(
        @DefaultValue("268435456") @Positive long maxUploadBytes) {}
