package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
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
 * G1 No overdraft: no wallet, budget or key cap goes below zero, under any concurrency. Each request here costs
 * exactly 8 units (free input, 1 unit per output token, the fake upstream reports 8 output tokens).
 */
class G1NoOverdraftTest extends BillingGuaranteeTestBase {

    @Test
    void givenAKeyWithQuotaForExactlyTenRequests_when200RequestsRace_thenExactlyTenAreServedAnd190Refused()
            throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            upstream.usage(12, 8);
            String model = model("g1-key", upstream, 0, 1_000_000);
            JsonNode key = admin.createToken(Map.of("name", "g1-race", "quota", 80));
            CountDownLatch start = new CountDownLatch(1);

            // when
            List<Future<HttpResponse<String>>> replies = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    Callable<HttpResponse<String>> call = () -> {
                        start.await();
                        return chat(key.get("key").asText(), model, 8);
                    };
                    replies.add(pool.submit(call));
                }
                start.countDown();
            }

            // then: exactly ten served, every other one refused as insufficient_quota
            int served = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> f : replies) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200) {
                    served++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                    assertThat(r.body()).contains("\"code\":\"insufficient_quota\"");
                    refused++;
                }
            }
            assertThat(served).isEqualTo(10);
            assertThat(refused).isEqualTo(190);
            assertThat(upstream.received()).hasSize(10);
            // the key: used = quota, nothing left, never below zero
            JsonNode after = token(key);
            assertThat(after.get("usedQuota").asLong()).isEqualTo(80);
            assertThat(after.get("remainingQuota").asLong()).isZero();
            // the stored trail agrees: ten settlements of 8, ten ledger entries taking 80 in total
            JsonNode usage = usage(key);
            assertThat(usage.get("total").asLong()).isEqualTo(10);
            usage.get("items").forEach(u -> {
                assertThat(u.get("cost").asLong()).isEqualTo(8);
                assertThat(u.get("outcome").asText()).isEqualTo("succeeded");
            });
            JsonNode ledger = ledgerEntries("tokenId=" + key.get("id").asText() + "&kind=settlement", 10);
            assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(10);
            assertThat(ledger.get("totals").get("taken").asLong()).isEqualTo(80);
            assertThat(ledger.get("totals").get("credited").asLong()).isZero();
            assertNoDrift(key.get("id").asText());
            // and the next request is refused too
            assertThat(chat(key.get("key").asText(), model, 8).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void givenAWalletForTwentyRequests_when100RequestsOnTwoOfItsKeysRace_thenTwentyAreServedAndItEndsAtZero()
            throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given: 160 units in the wallet, two "unlimited" keys drawing on it
            upstream.usage(12, 8);
            String model = model("g1-wallet", upstream, 0, 1_000_000);
            User user = newUser("g1");
            credit(user, 160, "twenty requests");
            String first = keyOf(user, Map.of("name", "a", "unlimitedQuota", true))
                    .get("key")
                    .asText();
            String second = keyOf(user, Map.of("name", "b", "unlimitedQuota", true))
                    .get("key")
                    .asText();
            CountDownLatch start = new CountDownLatch(1);

            // when: 100 requests at the same moment, half on each key
            List<Future<Integer>> requests = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 100; i++) {
                    String key = i % 2 == 0 ? first : second;
                    Callable<Integer> call = () -> {
                        start.await();
                        return chat(key, model, 8).statusCode();
                    };
                    requests.add(pool.submit(call));
                }
                start.countDown();
            }

            // then: exactly twenty served, the wallet at exactly zero, never below
            int served = 0;
            for (Future<Integer> f : requests) {
                assertThat(f.get()).isIn(200, 429);
                served += f.get() == 200 ? 1 : 0;
            }
            assertThat(served).isEqualTo(20);
            assertThat(upstream.received()).hasSize(20);
            JsonNode wallet = wallet(user);
            assertThat(wallet.get("balance").asLong()).isZero();
            assertThat(wallet.get("reserved").asLong()).isZero();
            assertThat(wallet.get("used").asLong()).isEqualTo(160);
            JsonNode ledger = ledgerEntries("ownerId=" + user.id() + "&" + MONEY, 21);
            assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(21);
            assertThat(ledger.get("totals").get("credited").asLong()).isEqualTo(160);
            assertThat(ledger.get("totals").get("taken").asLong()).isEqualTo(160);
            assertNoDrift(user.id());
        }
    }

    @Test
    void givenAWalletForTwentyRequests_whenTwoKeysAndAdminDebitsRaceForIt_thenItEndsAtZeroNeverBelow()
            throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given: 160 units in the wallet, two "unlimited" keys drawing on it, and an admin taking 8 at a time
            upstream.usage(12, 8);
            String model = model("g1-wallet", upstream, 0, 1_000_000);
            User user = newUser("g1");
            credit(user, 160, "twenty requests");
            String first = keyOf(user, Map.of("name", "a", "unlimitedQuota", true))
                    .get("key")
                    .asText();
            String second = keyOf(user, Map.of("name", "b", "unlimitedQuota", true))
                    .get("key")
                    .asText();
            CountDownLatch start = new CountDownLatch(1);

            // when: 100 requests and 20 debits at the same moment
            List<Future<Integer>> requests = new ArrayList<>();
            List<Future<Integer>> debits = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 100; i++) {
                    String key = i % 2 == 0 ? first : second;
                    Callable<Integer> call = () -> {
                        start.await();
                        return chat(key, model, 8).statusCode();
                    };
                    requests.add(pool.submit(call));
                }
                for (int i = 0; i < 20; i++) {
                    Callable<Integer> debit = () -> {
                        start.await();
                        return admin.post(user.wallet() + "/debits", Map.of("amount", 8, "reason", "race"))
                                .status();
                    };
                    debits.add(pool.submit(debit));
                }
                start.countDown();
            }

            // then: every unit was spent or debited once, and the wallet ends at exactly zero
            int served = 0;
            for (Future<Integer> f : requests) {
                assertThat(f.get()).isIn(200, 429);
                served += f.get() == 200 ? 1 : 0;
            }
            int debited = 0;
            for (Future<Integer> f : debits) {
                assertThat(f.get()).isIn(200, 409);
                debited += f.get() == 200 ? 1 : 0;
            }
            assertThat(served * 8 + debited * 8)
                    .as("served %d, debited %d", served, debited)
                    .isEqualTo(160);
            assertThat(upstream.received()).hasSize(served);
            JsonNode wallet = wallet(user);
            assertThat(wallet.get("balance").asLong()).isZero();
            assertThat(wallet.get("reserved").asLong()).isZero();
            assertThat(wallet.get("used").asLong()).isEqualTo(served * 8L);
            assertThat(wallet.get("debited").asLong()).isEqualTo(debited * 8L);
            JsonNode ledger = ledgerEntries("ownerId=" + user.id() + "&" + MONEY, 1 + served + debited);
            assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(1 + served + debited);
            assertThat(ledger.get("totals").get("credited").asLong()).isEqualTo(160);
            assertThat(ledger.get("totals").get("taken").asLong()).isEqualTo(160);
            // the balance summed from the ledger never went below zero at any entry
            long balance = 0;
            List<JsonNode> oldestFirst = new ArrayList<>();
            ledger.get("entries").forEach(e -> oldestFirst.addFirst(e));
            for (JsonNode e : oldestFirst) {
                balance += e.get("amount").asLong();
                assertThat(balance).as("balance after %s", e).isGreaterThanOrEqualTo(0);
            }
            assertNoDrift(user.id());
        }
    }
}
