package dev.tollgate.adapter.in.web.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}: unauthenticated liveness and version, in one-api's {@code {success, data}} shape. */
@RestController
public class StatusController {
    private final Instant startedAt = Instant.now();
    private final String version;

    public StatusController(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    @GetMapping("/api/status")
    Map<String, Object> status() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("systemName", "Tollgate");
        data.put("version", version);
        data.put("startedAt", startedAt.toString());
        data.put("serverTime", Instant.now().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", "");
        body.put("data", data);
        return body;
    }
}
