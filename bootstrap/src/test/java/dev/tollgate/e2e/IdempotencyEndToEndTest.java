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

/** G9: a money request replayed with its Idempotency-Key has no second effect, also when the replays race. */
class IdempotencyEndToEndTest extends EndToEndTestBase {

    private String walletOfNewUser() {
        String name = uniqueModel("idem");
        AdminApi.Reply r = admin.post("/api/v1/users", Map.of("username", name, "password", "correct-horse-battery-1"));
        return "/api/v1/users/" + r.json().get("id").asText() + "/wallet";
    }

    @Test
    void givenATopUpWithAKey_whenReplayed_thenTheFirstAnswerComesBackAndTheWalletIsCreditedOnce() {
        // given
        String wallet = walletOfNewUser();
        Map<String, Object> body = Map.of("amount", 500, "reason", "invoice 42");

        // when
        AdminApi.Reply first = admin.postIdempotent(wallet + "/credits", body, "topup-42");
        AdminApi.Reply replay = admin.postIdempotent(wallet + "/credits", body, "topup-42");
        AdminApi.Reply otherBody =
                admin.postIdempotent(wallet + "/credits", Map.of("amount", 900, "reason", "invoice 42"), "topup-42");

        // then
        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw().body()).isEqualTo(first.raw().body());
        assertThat(replay.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(admin.get(wallet).json().get("balance").asLong()).isEqualTo(500);
    }

    @Test
    void givenTwentyRacingReplaysOfOneTopUp_thenTheWalletIsCreditedExactlyOnce() throws Exception {
        // given
        String wallet = walletOfNewUser();
        CountDownLatch start = new CountDownLatch(1);

        // when
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                Callable<Integer> topUp = () -> {
                    start.await();
                    return admin.postIdempotent(
                                    wallet + "/credits", Map.of("amount", 100, "reason", "race"), "race-key")
                            .status();
                };
                statuses.add(pool.submit(topUp));
            }
            start.countDown();
        }

        // then: each answer is the first one or "still in progress"; the money moved once
        for (Future<Integer> f : statuses) {
            assertThat(f.get()).isIn(200, 409);
        }
        assertThat(admin.get(wallet).json().get("balance").asLong()).isEqualTo(100);
    }

    @Test
    void givenAKeyUsedByAnotherCaller_thenItIsTheirsAndNotReplayedToUs() {
        String wallet = walletOfNewUser();
        AdminApi.Reply first = admin.postIdempotent(wallet + "/credits", Map.of("amount", 5, "reason", "a"), "k");
        JsonNode created = admin.post(
                        "/api/v1/users",
                        Map.of(
                                "username",
                                uniqueModel("admin2"),
                                "password",
                                "correct-horse-battery-1",
                                "role",
                                "ADMIN"))
                .json();
        AdminApi other = new AdminApi(port).loginAs(created.get("username").asText(), "correct-horse-battery-1");

        AdminApi.Reply second = other.postIdempotent(wallet + "/credits", Map.of("amount", 5, "reason", "a"), "k");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(admin.get(wallet).json().get("balance").asLong()).isEqualTo(10);
    }
}
