package dev.tollgate.adapter.in.web.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.account.port.in.SiteUseCase;
import dev.tollgate.application.account.port.in.SiteView;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The site settings one-api has: the installation's name, logo, the notice shown after sign-in and the footer.
 * {@code GET /api/v1/site} needs no sign-in (the sign-in page shows them); platform admins replace all four with
 * {@code PUT /api/v1/settings/site}.
 */
@RestController
public class SiteController {
    private final SiteUseCase site;

    public SiteController(SiteUseCase site) {
        this.site = site;
    }

    @GetMapping("/api/v1/site")
    SiteView site() {
        return site.site();
    }

    /** {@code {"name", "logo", "notice", "footer"}}: all replaced (absent or blank: empty). */
    @PlatformAdminOnly
    @PutMapping("/api/v1/settings/site")
    SiteView set(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("name", "logo", "notice", "footer");
        return site.set(
                body.text("name"), body.text("logo"), body.text("notice"), body.text("footer"), CurrentCaller.of(auth));
    }
}
