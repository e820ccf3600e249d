package dev.tollgate.adapter.in.web.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.account.port.in.IntegrationSettingsUseCase;
import dev.tollgate.application.account.port.in.IntegrationSettingsUseCase.MailChange;
import dev.tollgate.application.account.port.in.IntegrationSettingsUseCase.MailView;
import dev.tollgate.application.account.port.in.IntegrationSettingsUseCase.ProviderChange;
import dev.tollgate.application.account.port.in.IntegrationSettingsUseCase.ProviderView;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMTP server ({@code GET|PUT|DELETE /api/v1/settings/mail}, {@code POST /api/v1/settings/mail/test}) and the
 * external sign-in providers ({@code GET /api/v1/settings/sign-in}, {@code PUT|DELETE
 * /api/v1/settings/sign-in/{provider}}), platform admins only, applied without a restart. DELETE returns to the
 * server configuration's values. Secrets ({@code password}, {@code clientSecret}) are write-only: left out of a PUT
 * they keep their value, and answers carry only {@code passwordSet} / {@code clientSecretSet}.
 */
@RestController
public class IntegrationSettingsController {
    private final IntegrationSettingsUseCase settings;

    public IntegrationSettingsController(IntegrationSettingsUseCase settings) {
        this.settings = settings;
    }

    @PlatformAdminOnly
    @GetMapping("/api/v1/settings/mail")
    ResponseEntity<MailView> mail(Authentication auth) {
        return noStore(settings.mail(CurrentCaller.of(auth)));
    }

    /** {@code {"host","port","username"?,"password"?,"from","startTls"}}. */
    @PlatformAdminOnly
    @PutMapping("/api/v1/settings/mail")
    ResponseEntity<MailView> setMail(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("host", "port", "username", "password", "from", "startTls");
        return noStore(settings.setMail(
                new MailChange(
                        body.text("host"),
                        body.integer("port"),
                        body.text("username"),
                        body.text("password"),
                        body.text("from"),
                        body.bool("startTls")),
                CurrentCaller.of(auth)));
    }

    @PlatformAdminOnly
    @DeleteMapping("/api/v1/settings/mail")
    ResponseEntity<MailView> resetMail(Authentication auth) {
        return noStore(settings.resetMail(CurrentCaller.of(auth)));
    }

    /** {@code {"to"}}: a short mail through the SMTP server in force; 204 once the server took it. */
    @PlatformAdminOnly
    @PostMapping("/api/v1/settings/mail/test")
    ResponseEntity<Void> testMail(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("to");
        settings.sendTestMail(body.text("to"), CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    @PlatformAdminOnly
    @GetMapping("/api/v1/settings/sign-in")
    ResponseEntity<Map<String, List<ProviderView>>> providers(Authentication auth) {
        return noStore(Map.of("items", settings.providers(CurrentCaller.of(auth))));
    }

    /** {@code {"enabled"?, "clientId", "clientSecret"?, "endpoints"?: {...}}}. */
    @PlatformAdminOnly
    @PutMapping("/api/v1/settings/sign-in/{provider}")
    ResponseEntity<ProviderView> setProvider(
            @PathVariable String provider, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("enabled", "clientId", "clientSecret", "endpoints");
        return noStore(settings.setProvider(
                provider,
                new ProviderChange(
                        body.bool("enabled"),
                        body.text("clientId"),
                        body.text("clientSecret"),
                        body.stringMap("endpoints")),
                CurrentCaller.of(auth)));
    }

    @PlatformAdminOnly
    @DeleteMapping("/api/v1/settings/sign-in/{provider}")
    ResponseEntity<ProviderView> resetProvider(@PathVariable String provider, Authentication auth) {
        return noStore(settings.resetProvider(provider, CurrentCaller.of(auth)));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
