package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The site settings one-api has (name, logo, notice after sign-in, footer): read without signing in, replaced by
 * platform admins only, validated, and audited.
 */
class SiteSettingsEndToEndTest extends EndToEndTestBase {
    private static final String LOGO =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    private JsonNode before;

    @BeforeEach
    void remember() {
        before = admin.get("/api/v1/site").json();
    }

    @AfterEach
    void restore() {
        admin.put(
                "/api/v1/settings/site",
                Map.of(
                        "name",
                        before.get("name").asText(),
                        "logo",
                        before.get("logo").asText(),
                        "notice",
                        before.get("notice").asText(),
                        "footer",
                        before.get("footer").asText()));
    }

    @Test
    void givenAnAdmin_whenTheSiteIsSet_thenAnyoneReadsItAndTheChangeIsAudited() {
        // when
        AdminApi.Reply set = admin.put(
                "/api/v1/settings/site",
                Map.of(
                        "name",
                        "Acme AI gateway",
                        "logo",
                        LOGO,
                        "notice",
                        "Maintenance on Sunday\n02:00-03:00 UTC",
                        "footer",
                        "© Acme"));

        // then
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        JsonNode site = new AdminApi(port).get("/api/v1/site").json();
        assertThat(site.get("name").asText()).isEqualTo("Acme AI gateway");
        assertThat(site.get("logo").asText()).isEqualTo(LOGO);
        assertThat(site.get("notice").asText()).isEqualTo("Maintenance on Sunday\n02:00-03:00 UTC");
        assertThat(site.get("footer").asText()).isEqualTo("© Acme");
        assertThat(site.get("updatedAt").isNull()).isFalse();
        // the audit log is written by its own processor, a moment later
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(admin.get("/api/v1/audit-log?action=site.texts_set")
                                .raw()
                                .body())
                        .contains("name=Acme AI gateway logo=inline"));
    }

    @Test
    void givenAUser_whenSettingTheSite_then403AndNothingChanges() {
        // given
        TwoOrganisations.Person user = TwoOrganisations.person(admin, port, uniqueModel("site-user"), "USER");

        // when
        AdminApi.Reply r = user.api().put("/api/v1/settings/site", Map.of("name", "Mine"));

        // then
        assertThat(r.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/site").json()).isEqualTo(before);
    }

    @Test
    void givenALogoFromAnotherOriginOrALongName_whenSet_then400NamingTheFieldAndNothingChanges() {
        // when
        AdminApi.Reply logo =
                admin.put("/api/v1/settings/site", Map.of("name", "Acme", "logo", "https://cdn.example/logo.png"));
        AdminApi.Reply name = admin.put("/api/v1/settings/site", Map.of("name", "x".repeat(61)));
        AdminApi.Reply unknown = admin.put("/api/v1/settings/site", Map.of("title", "Acme"));

        // then
        assertThat(logo.status()).isEqualTo(400);
        assertThat(logo.json().get("field").asText()).isEqualTo("logo");
        assertThat(name.json().get("field").asText()).isEqualTo("name");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/site").json()).isEqualTo(before);
    }
}
