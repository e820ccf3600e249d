package dev.tollgate.adapter.in.web.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.notification.port.in.WebhookUseCase;
import dev.tollgate.application.notification.port.in.WebhookUseCase.CreatedWebhook;
import dev.tollgate.application.notification.port.out.WebhookPort.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks for notification events: {@code organizationId} absent for platform-wide ones (platform admins), else the
 * organisation's (its owners and admins). The signing secret is in the creation's answer only.
 */
@RestController
public class WebhookController {
    /** A webhook as the API shows it; {@code secret} only when it was just made. */
    record WebhookJson(String id, String organizationId, String url, Instant createdAt, String secret) {
        static WebhookJson of(Webhook w, String secret) {
            return new WebhookJson(w.id(), w.organizationId(), w.url(), w.createdAt(), secret);
        }
    }

    private final WebhookUseCase webhooks;

    public WebhookController(WebhookUseCase webhooks) {
        this.webhooks = webhooks;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/webhooks")
    ResponseEntity<WebhookJson> create(@RequestBody JsonNode json, Authentication auth) {
        Caller caller = CurrentCaller.of(auth);
        String organizationId = json != null && json.path("organizationId").isTextual()
                ? json.path("organizationId").asText()
                : null;
        webhooks.list(organizationId, caller); // the caller's right to the scope, before the body's values
        PatchBody body = new PatchBody(json).requireOnly("url", "organizationId");
        CreatedWebhook created = webhooks.create(body.text("organizationId"), body.text("url"), caller);
        return ResponseEntity.status(HttpStatus.CREATED).body(WebhookJson.of(created.webhook(), created.secret()));
    }

    @GetMapping("/api/v1/webhooks")
    Map<String, List<WebhookJson>> list(@RequestParam(required = false) String organizationId, Authentication auth) {
        return Map.of(
                "data",
                webhooks.list(organizationId, CurrentCaller.of(auth)).stream()
                        .map(w -> WebhookJson.of(w, null))
                        .toList());
    }

    @DeleteMapping("/api/v1/webhooks/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        webhooks.delete(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }
}
