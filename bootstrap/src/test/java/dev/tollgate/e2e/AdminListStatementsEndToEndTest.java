package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every list of the admin API that the JPA read side answers (ADR 12) reads a page of 100 with a fixed few SQL
 * statements, through real HTTP on the real application: no query per row (N+1). The statements are those Hibernate
 * prepares on the request's thread ({@link HibernateStatements}); the read-your-writes wait of the user and organisation
 * lists adds one plain JDBC {@code max(global_index)} on top, outside Hibernate.
 */
class AdminListStatementsEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "Lists-" + UUID.randomUUID();
    private static final int USERS = 100;

    @Test
    void givenAHundredMembersInOneOrganization_whenEachListIsReadAPageOf100_thenTwoStatementsEach() {
        // given: an owner's organisation with 100 more members, each a new user (and a personal organisation)
        String prefix = "stmt" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String owner = prefix + "owner";
        assertThat(admin.post("/api/v1/users", Map.of("username", owner, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        AdminApi owning = new AdminApi(port).loginAs(owner, PASSWORD);
        String organization = owning.post("/api/v1/organizations", Map.of("name", prefix + "team"))
                .json()
                .get("id")
                .asText();
        for (int i = 0; i < USERS; i++) {
            String username = prefix + i;
            assertThat(admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD))
                            .status())
                    .isEqualTo(201);
            assertThat(owning.post("/api/v1/organizations/" + organization + "/members", Map.of("username", username))
                            .status())
                    .isEqualTo(201);
        }
        // the audit log has no read-your-writes wait: let its processor catch up first
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/audit-log?size=1&actor=user:" + userId(owning))
                                .json()
                                .get("total")
                                .asLong()
                        >= USERS);

        // when / then
        assertPageOf100("/api/v1/organizations?size=100", "organization_listing");
        assertPageOf100("/api/v1/organizations/" + organization + "/members?size=100", "organization_membership");
        assertPageOf100(
                "/api/v1/organizations?size=100&personal=true&status=enabled&q=" + prefix, "organization_listing");
        assertPageOf100("/api/v1/users?size=100", "user_account");
        assertPageOf100("/api/v1/audit-log?size=100", "audit_entry");
    }

    @Test
    void givenAHundredChannelsAndAHundredKeys_whenEachListIsReadAPageOf100_thenTwoStatementsEach() {
        // given: 100 platform channels and 100 keys of the admin, each name with this test's prefix
        String prefix = "stmt" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String organization = null;
        for (int i = 0; i < USERS; i++) {
            assertThat(admin.post("/api/v1/channels", channel(prefix + i)).status())
                    .isEqualTo(201);
            AdminApi.Reply key = admin.post("/api/v1/tokens", Map.of("name", prefix + i, "quota", 500_000));
            assertThat(key.status()).isEqualTo(201);
            organization = key.json().get("organizationId").asText();
        }

        // when / then: the page and its total; the keys' live figures come from memory, not a query per row
        assertPageOf100("/api/v1/channels?size=100", "channel_listing");
        assertPageOf100(
                "/api/v1/channels?size=100&type=openai&status=enabled&group=default&model="
                        + prefix.substring(0, prefix.length() - 1) + "-model&q=" + prefix,
                "channel_listing");
        assertPageOf100("/api/v1/tokens?size=100", "token_listing");
        assertPageOf100("/api/v1/tokens?size=100&status=enabled&q=" + prefix, "token_listing");
        assertPageOf100("/api/v1/organizations/" + organization + "/tokens?size=100&q=" + prefix, "token_listing");
        JsonNode first = assertKeysetPageOf50("/api/v1/tokens?after=&size=50");
        assertThat(first.get("items").get(0).get("remainingQuota").asLong()).isEqualTo(500_000);
        assertKeysetPageOf50("/api/v1/tokens?size=50&status=enabled&q=" + prefix + "&after="
                + first.get("next").asText());
    }

    private static Map<String, Object> channel(String name) {
        return Map.of(
                "name",
                name,
                "type",
                "openai",
                "baseUrl",
                "http://127.0.0.1:9",
                "keys",
                List.of("sk-statements-" + name),
                "models",
                List.of(name.substring(0, name.lastIndexOf('-')) + "-model"),
                "groups",
                List.of("default"));
    }

    /** A keyset page: one select (no total). */
    private JsonNode assertKeysetPageOf50(String path) {
        // when
        HibernateStatements.reset();
        AdminApi.Reply page = admin.get(path);
        List<String> statements = HibernateStatements.seen();

        // then
        assertThat(page.status()).as(path).isEqualTo(200);
        assertThat(page.json().get("items").size()).as(path).isEqualTo(50);
        assertThat(statements)
                .as(path)
                .hasSize(1)
                .allSatisfy(sql -> assertThat(sql).contains("token_listing"));
        return page.json();
    }

    @Test
    void givenAHundredRedemptionBatchesAndPrices_whenEachListIsReadAPageOf100_thenTwoStatementsEach() {
        // given: 100 batches (each with a redeemed code) and 100 prices, all of one name prefix
        String prefix = "stmt" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String redeemer = prefix + "redeemer";
        assertThat(admin.post("/api/v1/users", Map.of("username", redeemer, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        AdminApi redeeming = new AdminApi(port).loginAs(redeemer, PASSWORD);
        for (int i = 0; i < USERS; i++) {
            AdminApi.Reply batch =
                    admin.post("/api/v1/redemption-batches", Map.of("name", prefix + i, "count", 2, "value", 10));
            assertThat(batch.status()).isEqualTo(201);
            assertThat(redeeming
                            .post(
                                    "/api/v1/redemptions",
                                    Map.of(
                                            "code",
                                            batch.json().get("codes").get(0).asText()))
                            .status())
                    .isEqualTo(200);
            assertThat(admin.put("/api/v1/prices/" + prefix + i, Map.of("input", i, "output", i))
                            .status())
                    .isEqualTo(200);
        }

        // when / then: the batches' body is an array, its total in a header
        assertArrayOf100("/api/v1/redemption-batches?size=100", "redemption_batch_listing");
        assertArrayOf100("/api/v1/redemption-batches?size=100&status=active&q=" + prefix, "redemption_batch_listing");
        assertPageOf100("/api/v1/prices?size=100", "price_listing");
        assertPageOf100("/api/v1/prices?size=100&q=" + prefix, "price_listing");
    }

    private void assertArrayOf100(String path, String table) {
        // when
        HibernateStatements.reset();
        AdminApi.Reply page = admin.get(path);
        List<String> statements = HibernateStatements.seen();

        // then: one select for the page and one count
        assertThat(page.status()).as(path).isEqualTo(200);
        assertThat(page.json().size()).as(path).isEqualTo(100);
        assertThat(page.json().get(0).get("redeemed").asInt()).as(path).isEqualTo(1);
        assertThat(Long.parseLong(
                        page.raw().headers().firstValue("X-Total-Count").orElseThrow()))
                .as(path)
                .isGreaterThanOrEqualTo(100);
        assertThat(statements)
                .as(path)
                .hasSize(2)
                .allSatisfy(sql -> assertThat(sql).contains(table));
    }

    private void assertPageOf100(String path, String table) {
        // when
        HibernateStatements.reset();
        AdminApi.Reply page = admin.get(path);
        List<String> statements = HibernateStatements.seen();

        // then: one select for the page (with its joins) and one count
        assertThat(page.status()).as(path).isEqualTo(200);
        assertThat(page.json().get("items").size()).as(path).isEqualTo(100);
        assertThat(page.json().get("total").asLong()).as(path).isGreaterThanOrEqualTo(100);
        assertThat(statements)
                .as(path)
                .hasSize(2)
                .allSatisfy(sql -> assertThat(sql).contains(table));
    }

    private static String userId(AdminApi api) {
        JsonNode me = api.get("/api/v1/users/me").json();
        return me.get("id").asText();
    }
}
