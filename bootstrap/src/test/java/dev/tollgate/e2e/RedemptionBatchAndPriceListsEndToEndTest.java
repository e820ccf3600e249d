package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lists of redemption batches and of prices, read from the JPA read side (ADR 12) through real HTTP on the real
 * application: read-your-writes right after a change, the batches' filters (name, status as of the reading time)
 * with the total in {@code X-Total-Count} and the body still an array, the prices' search and page; a non-admin is
 * refused before any parameter is looked at; bad parameters are a problem+json naming the parameter.
 */
class RedemptionBatchAndPriceListsEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "Lists-" + UUID.randomUUID();

    @Test
    void givenBatchesChanged_whenListedAtOnce_thenFilteredByNameAndStatusWithTheTotalInAHeader() {
        // given: three batches of one name prefix; one disabled, one with its only code redeemed
        String prefix = "list" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String disabled =
                batch(prefix + "disabled", 2, null).get("batch").get("id").asText();
        JsonNode redeemed = batch(prefix + "redeemed", 1, null);
        String active = batch(prefix + "active", 3, null).get("batch").get("id").asText();
        assertThat(admin.patch("/api/v1/redemption-batches/" + disabled, Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);
        AdminApi user = newUser("lister");
        assertThat(user.post(
                                "/api/v1/redemptions",
                                Map.of("code", redeemed.get("codes").get(0).asText()))
                        .status())
                .isEqualTo(200);

        // when
        AdminApi.Reply all = admin.get("/api/v1/redemption-batches?q=" + prefix);
        AdminApi.Reply usedUp = admin.get("/api/v1/redemption-batches?status=used_up&q=" + prefix);
        AdminApi.Reply off = admin.get("/api/v1/redemption-batches?status=disabled&q=" + prefix);
        AdminApi.Reply firstPage = admin.get("/api/v1/redemption-batches?size=2&q=" + prefix);
        AdminApi.Reply secondPage = admin.get("/api/v1/redemption-batches?size=2&page=1&q=" + prefix);

        // then: newest first; the redemption counted; the body an array, the total in the header
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().isArray()).isTrue();
        assertThat(names(all)).containsExactly(prefix + "active", prefix + "redeemed", prefix + "disabled");
        assertThat(all.json().get(0).get("id").asText()).isEqualTo(active);
        assertThat(all.json().get(0).get("status").asText()).isEqualTo("active");
        assertThat(all.json().get(0).get("codes").asInt()).isEqualTo(3);
        assertThat(all.raw().headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(names(usedUp)).containsExactly(prefix + "redeemed");
        assertThat(usedUp.json().get(0).get("redeemed").asInt()).isEqualTo(1);
        assertThat(names(off)).containsExactly(prefix + "disabled");
        assertThat(names(firstPage)).hasSize(2);
        assertThat(names(secondPage)).containsExactly(prefix + "disabled");
        assertThat(secondPage.raw().headers().firstValue("X-Total-Count")).hasValue("3");
    }

    @Test
    void givenABatchOfTheMostCodes_whenListedAtOnce_thenItIsThereWithEveryCode() {
        // given: 1,000 codes, a row each on the read side
        String name = "largest-" + UUID.randomUUID().toString().substring(0, 8);
        batch(name, 1_000, null);

        // when
        AdminApi.Reply listed = admin.get("/api/v1/redemption-batches?q=" + name);

        // then
        assertThat(names(listed)).containsExactly(name);
        assertThat(listed.json().get(0).get("codes").asInt()).isEqualTo(1_000);
        assertThat(listed.json().get(0).get("redeemed").asInt()).isZero();
    }

    @Test
    void givenABatchThatExpires_whenListedAfterItsExpiry_thenItIsExpiredWithoutAnyEvent() {
        // given
        String name = "expiring-" + UUID.randomUUID().toString().substring(0, 8);
        Instant expiry = Instant.now().plusSeconds(2);
        batch(name, 1, expiry);
        assertThat(names(admin.get("/api/v1/redemption-batches?status=active&q=" + name)))
                .containsExactly(name);

        // when / then: the status is computed at the time of reading
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> names(admin.get("/api/v1/redemption-batches?status=expired&q=" + name))
                        .equals(List.of(name)));
        assertThat(names(admin.get("/api/v1/redemption-batches?status=active&q=" + name)))
                .isEmpty();
    }

    @Test
    void givenAUserOrABadParameter_whenBatchesAreListed_thenRefusedBeforeValidationElseTheParameterIsNamed() {
        // given
        AdminApi user = newUser("not-admin");

        // when
        AdminApi.Reply asUser = user.get("/api/v1/redemption-batches?status=bogus&size=0");
        AdminApi.Reply badStatus = admin.get("/api/v1/redemption-batches?status=bogus");
        AdminApi.Reply badSize = admin.get("/api/v1/redemption-batches?size=501");
        AdminApi.Reply badPriceSize = admin.get("/api/v1/prices?size=0");

        // then
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.json().get("code").asText()).isEqualTo("admin_required");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(badStatus.raw().body()).contains("status").contains("used_up");
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.raw().body()).contains("size");
        assertThat(badPriceSize.status()).isEqualTo(400);
        assertThat(badPriceSize.raw().body()).contains("size");
    }

    @Test
    void givenPricesSet_whenListedAtOnce_thenSearchedByModelAndPaged() {
        // given: three models of one prefix, one of them set twice
        String prefix = "list-" + UUID.randomUUID().toString().substring(0, 8);
        for (String model : List.of(prefix + "/b", prefix + "/a", prefix + ":c")) {
            assertThat(admin.put("/api/v1/prices/" + model, Map.of("input", 100, "output", 200))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(admin.put("/api/v1/prices/" + prefix + "/a", Map.of("input", 300, "output", 400))
                        .status())
                .isEqualTo(200);
        AdminApi user = newUser("price-reader");

        // when
        AdminApi.Reply all = user.get("/api/v1/prices?q=" + prefix.toUpperCase());
        AdminApi.Reply second = admin.get("/api/v1/prices?size=2&page=1&q=" + prefix);

        // then: anyone signed in reads them, by model name, with the last price
        assertThat(all.status()).isEqualTo(200);
        List<String> models = new ArrayList<>();
        all.json().get("items").forEach(p -> models.add(p.get("model").asText()));
        assertThat(models).containsExactly(prefix + "/a", prefix + "/b", prefix + ":c");
        assertThat(all.json().get("items").get(0).get("input").asLong()).isEqualTo(300);
        assertThat(all.json().get("total").asLong()).isEqualTo(3);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("items").get(0).get("model").asText()).isEqualTo(prefix + ":c");
        assertThat(second.json().get("page").asInt()).isEqualTo(1);
    }

    private JsonNode batch(String name, int count, Instant expiresAt) {
        Map<String, Object> body = expiresAt == null
                ? Map.of("name", name, "count", count, "value", 100)
                : Map.of("name", name, "count", count, "value", 100, "expiresAt", expiresAt.toString());
        AdminApi.Reply r = admin.post("/api/v1/redemption-batches", body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    private AdminApi newUser(String prefix) {
        String name = uniqueModel(prefix);
        assertThat(admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        return new AdminApi(port).loginAs(name, PASSWORD);
    }

    private static List<String> names(AdminApi.Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(b -> names.add(b.get("name").asText()));
        return names;
    }
}
