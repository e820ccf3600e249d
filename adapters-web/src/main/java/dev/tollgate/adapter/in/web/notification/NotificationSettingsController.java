package dev.tollgate.adapter.in.web.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.notification.port.in.NotificationSettingsUseCase;
import dev.tollgate.application.notification.port.in.NotificationSettingsUseCase.NotificationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Balance thresholds for low-balance mails, on the user, organisation and key resources; a user's mail language. A
 * {@code PUT} replaces the settings ({@code balanceThreshold} null or absent: off). The caller's right to the resource is
 * checked before the body is read.
 */
@RestController
public class NotificationSettingsController {
    private final NotificationSettingsUseCase settings;

    public NotificationSettingsController(NotificationSettingsUseCase settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/users/{id}/notification-settings")
    NotificationSettings ofUser(@PathVariable String id, Authentication auth) {
        return settings.ofUser(id, CurrentCaller.of(auth));
    }

    @PutMapping("/api/v1/users/{id}/notification-settings")
    NotificationSettings setForUser(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        Caller caller = CurrentCaller.of(auth);
        settings.ofUser(id, caller);
        PatchBody body = new PatchBody(json).requireOnly("balanceThreshold", "language");
        return settings.setForUser(id, body.longValue("balanceThreshold"), body.text("language"), caller);
    }

    @GetMapping("/api/v1/organizations/{id}/notification-settings")
    NotificationSettings ofOrganization(@PathVariable String id, Authentication auth) {
        return settings.ofOrganization(id, CurrentCaller.of(auth));
    }

    @PutMapping("/api/v1/organizations/{id}/notification-settings")
    NotificationSettings setForOrganization(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        Caller caller = CurrentCaller.of(auth);
        settings.ofOrganization(id, caller);
        PatchBody body = new PatchBody(json).requireOnly("balanceThreshold");
        return settings.setForOrganization(id, body.longValue("balanceThreshold"), caller);
    }

    @GetMapping("/api/v1/tokens/{id}/notification-settings")
    NotificationSettings ofKey(@PathVariable String id, Authentication auth) {
        return settings.ofKey(id, CurrentCaller.of(auth));
    }

    @PutMapping("/api/v1/tokens/{id}/notification-settings")
    NotificationSettings setForKey(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        Caller caller = CurrentCaller.of(auth);
        settings.ofKey(id, caller);
        PatchBody body = new PatchBody(json).requireOnly("balanceThreshold");
        return settings.setForKey(id, body.longValue("balanceThreshold"), caller);
    }
}
