package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Redemption codes: shown once, stored hashed, credited exactly once (G8) even when many users redeem one code at the
 * same moment, and guessing is throttled.
 */
class RedemptionEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    private AdminApi newUser(String prefix) {
        String name = uniqueModel(prefix);
        assertThat(admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        return new AdminApi(port).loginAs(name, PASSWORD);
    }

    private JsonNode batch(int count, long value) {
        AdminApi.Reply r =
                admin.post("/api/v1/redemption-batches", Map.of("name", "promo", "count", count, "value", value));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void givenABatch_thenCodesAreShownOnceAndACodeCreditsItsValueOnce() {
        // given
        JsonNode created = batch(3, 500);
        List<String> codes = new ArrayList<>();
        created.get("codes").forEach(c -> codes.add(c.asText()));
        AdminApi user = newUser("redeemer");

        // when
        AdminApi.Reply first = user.post("/api/v1/redemptions", Map.of("code", codes.get(0)));
        AdminApi.Reply again = user.post("/api/v1/redemptions", Map.of("code", codes.get(0)));

        // then
        assertThat(codes).hasSize(3).allSatisfy(c -> assertThat(c).hasSize(32).matches("[A-Za-z0-9]+"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("balance").asLong()).isEqualTo(500);
        assertThat(again.status()).isEqualTo(409);
        AdminApi.Reply listed = admin.get("/api/v1/redemption-batches");
        assertThat(listed.raw().body()).doesNotContain(codes.get(0)).doesNotContain(codes.get(1));
        JsonNode states = admin.get("/api/v1/redemption-batches/"
                        + created.get("batch").get("id").asText() + "/codes")
                .json();
        assertThat(states).hasSize(3);
        assertThat(states.toString()).doesNotContain(codes.get(0));
        long redeemed = 0;
        for (JsonNode s : states) {
            redeemed += s.get("redeemed").asBoolean() ? 1 : 0;
        }
        assertThat(redeemed).isEqualTo(1);
    }

    @Test
    void givenOneCode_whenTwentyUsersRedeemItAtTheSameMoment_thenExactlyOneIsCredited() throws Exception {
        // given
        String code = batch(1, 1_000).get("codes").get(0).asText();
        List<AdminApi> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(newUser("racer"));
        }
        CountDownLatch start = new CountDownLatch(1);

        // when
        List<Future<AdminApi.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AdminApi u : users) {
                Callable<AdminApi.Reply> redeem = () -> {
                    start.await();
                    return u.post("/api/v1/redemptions", Map.of("code", code));
                };
                replies.add(pool.submit(redeem));
            }
            start.countDown();
        }

        // then
        int credited = 0;
        int refused = 0;
        for (Future<AdminApi.Reply> f : replies) {
            int status = f.get().status();
            credited += status == 200 ? 1 : 0;
            refused += status == 409 ? 1 : 0;
        }
        assertThat(credited).isEqualTo(1);
        assertThat(refused).isEqualTo(19);
        long total = 0;
        for (AdminApi u : users) {
            total += u.get("/api/v1/users/me").status() == 200
                    ? u.get("/api/v1/users/"
                                    + u.get("/api/v1/users/me").json().get("id").asText() + "/wallet")
                            .json()
                            .get("balance")
                            .asLong()
                    : 0;
        }
        assertThat(total).isEqualTo(1_000);
    }

    @Test
    void givenWrongGuesses_thenTheEleventhIsThrottledAndADisabledBatchIsRefused() {
        // given
        AdminApi guesser = newUser("guesser");
        JsonNode created = batch(1, 10);

        // when
        int notFound = 0;
        for (int i = 0; i < 10; i++) {
            notFound += guesser.post("/api/v1/redemptions", Map.of("code", "X".repeat(32)))
                                    .status()
                            == 404
                    ? 1
                    : 0;
        }
        AdminApi.Reply throttled = guesser.post("/api/v1/redemptions", Map.of("code", "Y".repeat(32)));
        admin.patch(
                "/api/v1/redemption-batches/" + created.get("batch").get("id").asText(), Map.of("status", "disabled"));
        AdminApi.Reply disabled = newUser("late")
                .post(
                        "/api/v1/redemptions",
                        Map.of("code", created.get("codes").get(0).asText()));

        // then
        assertThat(notFound).isEqualTo(10);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(disabled.status()).isEqualTo(410);
    }

    @Test
    void givenAUser_whenCreatingABatch_then403AndACountOver1000Is400() {
        assertThat(newUser("notadmin")
                        .post("/api/v1/redemption-batches", Map.of("name", "x", "count", 1, "value", 1))
                        .status())
                .isEqualTo(403);
        assertThat(admin.post("/api/v1/redemption-batches", Map.of("name", "x", "count", 1001, "value", 1))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void givenABatch_whenExportedAndDeleted_thenTheCsvListsItsCodesAndItsRemainingCodesStopWorking() {
        // given: one of two codes redeemed
        JsonNode created = batch(2, 300);
        String id = created.get("batch").get("id").asText();
        String redeemedCode = created.get("codes").get(0).asText();
        String unusedCode = created.get("codes").get(1).asText();
        AdminApi user = newUser("redeemer-del");
        assertThat(user.post("/api/v1/redemptions", Map.of("code", redeemedCode))
                        .status())
                .isEqualTo(200);

        // when
        AdminApi.Reply csv = admin.get("/api/v1/redemption-batches/" + id + "/codes.csv");
        AdminApi.Reply userExports = user.get("/api/v1/redemption-batches/" + id + "/codes.csv");
        AdminApi.Reply userDeletes = user.delete("/api/v1/redemption-batches/" + id);
        AdminApi.Reply deleted = admin.delete("/api/v1/redemption-batches/" + id);
        AdminApi.Reply redeemAfter = user.post("/api/v1/redemptions", Map.of("code", unusedCode));
        AdminApi.Reply deletedTwice = admin.delete("/api/v1/redemption-batches/" + id);

        // then
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.raw().body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("hash_prefix,redeemed,redeemed_by,redeemed_at");
        assertThat(lines.stream().filter(l -> l.contains(",true,")).count()).isEqualTo(1);
        assertThat(csv.raw().body()).doesNotContain(redeemedCode).doesNotContain(unusedCode);
        assertThat(userExports.status()).isEqualTo(403);
        assertThat(userDeletes.status()).isEqualTo(403);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(redeemAfter.status()).isEqualTo(410);
        assertThat(redeemAfter.raw().body()).contains("deleted");
        assertThat(deletedTwice.status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/redemption-batches").raw().body()).doesNotContain(id);
        assertThat(user.get("/api/v1/users/me").status()).isEqualTo(200);
    }
}
