package dev.tollgate.adapter.in.web.configfile;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.configfile.port.in.ConfigExportUseCase;
import dev.tollgate.application.configfile.port.in.ConfigFileStatus;
import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The configuration file ({@code tollgate.yaml}): where it stands on this node (platform admins; the console's
 * settings page reads it), and the current configuration written as such a file (root).
 */
@RestController
public class ConfigFileController {
    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    private final ConfigFileUseCase configFile;
    private final ConfigExportUseCase export;

    public ConfigFileController(ConfigFileUseCase configFile, ConfigExportUseCase export) {
        this.configFile = configFile;
        this.export = export;
    }

    /** {@code state}: off, applied, invalid (with {@code problems}: line and reason) or failed. */
    @PlatformAdminOnly
    @GetMapping("/api/v1/config/status")
    ConfigFileStatus status(Authentication auth) {
        return configFile.status(CurrentCaller.of(auth));
    }

    /**
     * The current platform channels, prices, group multipliers, shared organisations and settings as a
     * {@code tollgate.yaml}; upstream keys are {@code ${VAR}} references (listed in the {@code X-Tollgate-Variables}
     * header), never their values.
     */
    @PlatformAdminOnly
    @GetMapping("/api/v1/config/export")
    ResponseEntity<String> export(Authentication auth) {
        ConfigExportUseCase.Export exported = export.export(CurrentCaller.of(auth));
        return ResponseEntity.ok()
                .contentType(YAML)
                .header("X-Tollgate-Variables", String.join(",", exported.variables()))
                .header("Content-Disposition", "attachment; filename=\"tollgate.yaml\"")
                .body(exported.text());
    }
}
