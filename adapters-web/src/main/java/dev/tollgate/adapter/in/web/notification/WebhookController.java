package dev.tollgate.adapter.in.web.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.notification.port.in.WebhookUseCase;
import dev.tollgate.application.notification.port.in.WebhookUseCase.CreatedWebhook;
import dev.tollgate.application.notification.port.out.WebhookPort.Webhook;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Authorize before validate: a creation's scope is the {@code organizationId} query parameter, else the body's
 * {@code organizationId} when the body is readable JSON, else the platform. The caller's right to that scope is checked
 * before the body is validated, so a caller who may not manage it gets 403/404 whatever the body, never a 400 that
 * describes it.
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
    private final ObjectMapper json;

    public WebhookController(WebhookUseCase webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/webhooks")
    ResponseEntity<WebhookJson> create(
            @RequestParam(required = false) String organizationId,
            @RequestBody(required = false) String text,
            Authentication auth) {
        Caller caller = CurrentCaller.of(auth);
        Optional<JsonNode> parsed = parse(text);
        String scope = organizationId != null
                ? organizationId
                : parsed.map(root -> root.path("organizationId"))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::textValue)
                        .orElse(null);
        webhooks.authorize(scope, caller);
        PatchBody body = new PatchBody(parsed.orElseThrow(() -> new InvalidValueException(
                        "body", "the request body must be a JSON object: {\"url\": \"https://…\"}")))
                .requireOnly("url", "organizationId");
        String inBody = body.text("organizationId");
        if (organizationId != null && inBody != null && !inBody.equals(organizationId)) {
            throw new InvalidValueException(
                    "organizationId", "the body's organizationId differs from the organizationId query parameter");
        }
        CreatedWebhook created = webhooks.create(scope, body.text("url"), caller);
        return ResponseEntity.status(HttpStatus.CREATED).body(WebhookJson.of(created.webhook(), created.secret()));
    }

    /** The body as JSON, or empty when it is missing or not JSON (told once the caller is authorised). */
    private Optional<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
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
