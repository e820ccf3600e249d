package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 16: the metrics carry spending per model and channel, so {@code /actuator/prometheus} answers only a
 * platform admin's bearer (a scraper uses an admin's personal access token of scope read); health stays public.
 */
class MetricsAccessEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-16";

    @Test
    void givenNoTokenOrAUsersToken_whenScrapingMetrics_thenRefused() {
        // given
        JsonNode user = admin.post(
                        "/api/v1/users",
                        Map.of("username", uniqueModel("metrics-user"), "password", PASSWORD, "role", "USER"))
                .json();
        AdminApi asUser = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);

        // when
        AdminApi.Reply anonymous = admin.call("GET", "/actuator/prometheus", null, null);
        AdminApi.Reply ofUser = asUser.get("/actuator/prometheus");
        AdminApi.Reply health = admin.call("GET", "/actuator/health", null, null);

        // then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().body()).doesNotContain("tollgate_");
        assertThat(ofUser.status()).isEqualTo(403);
        assertThat(ofUser.raw().body()).doesNotContain("tollgate_");
        assertThat(health.status()).isEqualTo(200);
    }

    @Test
    void givenAnAdminsReadAccessToken_whenScrapingMetrics_thenServed() {
        // given
        String scraper = admin.post(
                        "/api/v1/users/me/access-tokens", Map.of("name", uniqueModel("scraper"), "scope", "read"))
                .json()
                .get("token")
                .asText();

        // when
        AdminApi.Reply metrics = admin.withBearer(scraper).get("/actuator/prometheus");

        // then
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("jvm_memory_used_bytes");
    }
}
