package dev.tollgate.config;

import dev.tollgate.application.configfile.port.in.ConfigFileStatus;
import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The configuration file in {@code /actuator/health} (component {@code configFile}): always UP — an invalid file
 * changes nothing and the gateway keeps serving with the last valid one, so a load balancer must not take the node out
 * — with the details {@code state}, {@code file}, and, when the file is refused, {@code problems} as
 * {@code "line N: reason"}. The details show where health details are shown
 * ({@code management.endpoint.health.show-details}); {@code GET /api/v1/config/status} always has them.
 */
class ConfigFileHealth implements HealthIndicator {
    private final ConfigFileUseCase configFile;

    ConfigFileHealth(ConfigFileUseCase configFile) {
        this.configFile = configFile;
    }

    @Override
    public Health health() {
        ConfigFileStatus s = configFile.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", s.state());
        if (s.file() != null) {
            details.put("file", s.file());
        }
        if (s.appliedAt() != null) {
            details.put("appliedAt", s.appliedAt().toString());
        }
        if (!s.problems().isEmpty()) {
            List<String> problems = s.problems().stream()
                    .map(p -> "line " + p.line() + ": " + p.reason())
                    .toList();
            details.put("problems", problems);
        }
        return Health.up().withDetails(details).build();
    }
}
