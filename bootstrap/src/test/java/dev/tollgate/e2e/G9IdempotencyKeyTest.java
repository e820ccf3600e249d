package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * G9 Money endpoints accept {@code Idempotency-Key}: a replay returns the first result and has no second effect.
 * For each money endpoint — top-up, adjustment, debit, redemption, redemption batch — the replay's answer is the
 * first one byte for byte, marked replayed, and the ledger holds exactly one entry for it; racing replays move money
 * once; the same key with another request is refused and changes nothing.
 */
class G9IdempotencyKeyTest extends BillingGuaranteeTestBase {

    private static String key() {
        return "g9-" + UUID.randomUUID();
    }

    private static void assertReplayed(AdminApi.Reply first, AdminApi.Reply replay) {
        assertThat(first.status()).as(first.raw().body()).isIn(200, 201);
        assertThat(replay.status()).isEqualTo(first.status());
        assertThat(replay.raw().body()).isEqualTo(first.raw().body());
        assertThat(replay.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void givenEveryMoneyEndpoint_whenEachRequestIsSentTwiceWithItsKey_thenEachTakesEffectOnce() throws Exception {
        // given
        User user = newUser("g9");
        String credits = user.wallet() + "/credits";
        String debits = user.wallet() + "/debits";
        Map<String, Object> topUp = Map.of("amount", 1_000, "reason", "invoice 9");
        Map<String, Object> adjustment = Map.of("amount", 30, "reason", "goodwill", "kind", "adjustment");
        Map<String, Object> debit = Map.of("amount", 100, "reason", "refund");
        Map<String, Object> batch = Map.of("name", "g9-" + UUID.randomUUID(), "count", 2, "value", 5);
        String k1 = key();
        String k2 = key();
        String k3 = key();
        String k4 = key();
        String k5 = key();

        // when
        AdminApi.Reply topUp1 = admin.postIdempotent(credits, topUp, k1);
        AdminApi.Reply topUp2 = admin.postIdempotent(credits, topUp, k1);
        AdminApi.Reply adjust1 = admin.postIdempotent(credits, adjustment, k2);
        AdminApi.Reply adjust2 = admin.postIdempotent(credits, adjustment, k2);
        AdminApi.Reply debit1 = admin.postIdempotent(debits, debit, k3);
        AdminApi.Reply debit2 = admin.postIdempotent(debits, debit, k3);
        AdminApi.Reply batch1 = admin.postIdempotent("/api/v1/redemption-batches", batch, k4);
        AdminApi.Reply batch2 = admin.postIdempotent("/api/v1/redemption-batches", batch, k4);
        String code = batch1.json().get("codes").get(0).asText();
        AdminApi.Reply redeem1 = user.api().postIdempotent("/api/v1/redemptions", Map.of("code", code), k5);
        AdminApi.Reply redeem2 = user.api().postIdempotent("/api/v1/redemptions", Map.of("code", code), k5);

        // then: the first answers come back as they were
        assertReplayed(topUp1, topUp2);
        assertReplayed(adjust1, adjust2);
        assertReplayed(debit1, debit2);
        assertReplayed(batch1, batch2);
        assertReplayed(redeem1, redeem2);
        assertThat(topUp1.json().get("balance").asLong()).isEqualTo(1_000);
        assertThat(debit1.json().get("balance").asLong()).isEqualTo(930);
        assertThat(redeem1.json().get("balance").asLong()).isEqualTo(935);
        // and each took effect once: 1,000 + 30 − 100 + 5
        JsonNode wallet = wallet(user);
        assertThat(wallet.get("balance").asLong()).isEqualTo(935);
        assertThat(wallet.get("credited").asLong()).isEqualTo(1_035);
        assertThat(wallet.get("debited").asLong()).isEqualTo(100);
        JsonNode ledger = ledgerEntries("ownerId=" + user.id(), 4);
        assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(4);
        List<String> kinds = new ArrayList<>();
        ledger.get("entries").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrder("top_up", "adjustment", "debit", "redemption");
        // one batch of two codes, not two batches
        long batches = 0;
        for (JsonNode b : admin.get("/api/v1/redemption-batches").json()) {
            batches += batch.get("name").equals(b.path("name").asText()) ? 1 : 0;
        }
        assertThat(batches).isEqualTo(1);
        assertThat(batch2.json().get("codes")).hasSize(2);
    }

    @Test
    void givenTwentyRacingReplaysOfOneDebit_thenTheWalletIsDebitedOnceAndTheKeyCannotBeReusedForAnother()
            throws Exception {
        // given
        User user = newUser("g9race");
        credit(user, 500, "start");
        String idempotencyKey = key();
        CountDownLatch start = new CountDownLatch(1);

        // when
        List<Future<AdminApi.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                Callable<AdminApi.Reply> debit = () -> {
                    start.await();
                    return admin.postIdempotent(
                            user.wallet() + "/debits", Map.of("amount", 100, "reason", "race"), idempotencyKey);
                };
                replies.add(pool.submit(debit));
            }
            start.countDown();
        }
        AdminApi.Reply other = admin.postIdempotent(
                user.wallet() + "/debits", Map.of("amount", 300, "reason", "race"), idempotencyKey);

        // then: each answer is the first one (or "still in progress, retry"), and 100 left the wallet once
        String firstBody = null;
        for (Future<AdminApi.Reply> f : replies) {
            AdminApi.Reply r = f.get();
            assertThat(r.status()).isIn(200, 409);
            if (r.status() == 200) {
                assertThat(r.json().get("balance").asLong()).isEqualTo(400);
                if (firstBody == null) {
                    firstBody = r.raw().body();
                }
                assertThat(r.raw().body()).isEqualTo(firstBody);
            } else {
                assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(firstBody).isNotNull();
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.raw().body()).contains("idempotency_key_reused");
        JsonNode wallet = wallet(user);
        assertThat(wallet.get("balance").asLong()).isEqualTo(400);
        assertThat(wallet.get("debited").asLong()).isEqualTo(100);
        JsonNode ledger = ledgerEntries("ownerId=" + user.id() + "&kind=debit", 1);
        assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(1);
    }
}
