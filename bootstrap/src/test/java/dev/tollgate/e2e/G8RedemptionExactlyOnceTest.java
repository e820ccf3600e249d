package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.application.billing.service.RedemptionStreams;
import dev.tollgate.application.common.ApiKeys;
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
 * G8 A redemption code credits exactly once, even under concurrent redeems: 50 users redeem one code at the same
 * moment, each also twice over; one is credited, once — one stored event in the code's stream, one ledger entry,
 * one wallet richer by the code's value — and every other attempt is refused with 409.
 */
class G8RedemptionExactlyOnceTest extends BillingGuaranteeTestBase {

    @Test
    void givenOneCode_when50UsersRedeemItAtTheSameMoment_thenItCreditsExactlyOnce() throws Exception {
        // given
        JsonNode batch = admin.post("/api/v1/redemption-batches", Map.of("name", "g8", "count", 1, "value", 7_777))
                .json();
        String code = batch.get("codes").get(0).asText();
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(newUser("g8"));
        }
        CountDownLatch start = new CountDownLatch(1);

        // when: every user sends the code twice at once
        List<Future<AdminApi.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (User u : users) {
                for (int i = 0; i < 2; i++) {
                    Callable<AdminApi.Reply> redeem = () -> {
                        start.await();
                        return u.api().post("/api/v1/redemptions", Map.of("code", code));
                    };
                    replies.add(pool.submit(redeem));
                }
            }
            start.countDown();
        }

        // then
        int credited = 0;
        for (Future<AdminApi.Reply> f : replies) {
            AdminApi.Reply r = f.get();
            assertThat(r.status()).as(r.raw().body()).isIn(200, 409);
            credited += r.status() == 200 ? 1 : 0;
        }
        assertThat(credited).isEqualTo(1);
        User winner = null;
        long total = 0;
        for (User u : users) {
            long balance = wallet(u).get("balance").asLong();
            total += balance;
            if (balance != 0) {
                winner = u;
            }
        }
        assertThat(total).isEqualTo(7_777);
        assertThat(winner).isNotNull();
        assertThat(storedEvents(RedemptionStreams.idOf(ApiKeys.hash(code)))).isEqualTo(1);
        JsonNode ledger = ledgerEntries("ownerId=" + winner.id(), 1);
        assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(1);
        assertThat(ledger.get("entries").get(0).get("kind").asText()).isEqualTo("redemption");
        assertThat(ledger.get("entries").get(0).get("amount").asLong()).isEqualTo(7_777);
        JsonNode codes = admin.get("/api/v1/redemption-batches/"
                        + batch.get("batch").get("id").asText() + "/codes")
                .json();
        assertThat(codes).hasSize(1);
        assertThat(codes.get(0).get("redeemed").asBoolean()).isTrue();
        assertThat(codes.get(0).get("redeemedBy").asText()).contains(winner.id());
        // and later attempts, by the winner too, are still refused
        assertThat(winner.api()
                        .post("/api/v1/redemptions", Map.of("code", code))
                        .status())
                .isEqualTo(409);
        assertThat(wallet(winner).get("balance").asLong()).isEqualTo(7_777);
        assertNoDrift(winner.id());
    }
}
