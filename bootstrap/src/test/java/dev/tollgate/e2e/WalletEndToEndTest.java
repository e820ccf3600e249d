package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A user's wallet limits all their keys (even "unlimited" ones): nothing is served without a balance, concurrent
 * requests never spend more than it holds, and admins top it up or adjust it with a reason — never below zero.
 */
class WalletEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode user(String prefix) {
        AdminApi.Reply r = admin.post("/api/v1/users", Map.of("username", uniqueModel(prefix), "password", PASSWORD));
        assertThat(r.status()).isEqualTo(201);
        return r.json();
    }

    private String keyOf(JsonNode user) {
        AdminApi as = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);
        return as.post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true))
                .json()
                .get("key")
                .asText();
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String model() {
        // input free, 1 unit per output token; the fake answers 8 output tokens: each request costs exactly 8
        UPSTREAM.usage(12, 8);
        String model = uniqueModel("wallet");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 0, 1_000_000);
        return model;
    }

    private JsonNode wallet(JsonNode user) {
        return admin.get("/api/v1/users/" + user.get("id").asText() + "/wallet").json();
    }

    @Test
    void givenAnEmptyWallet_whenAnUnlimitedKeyIsUsed_then429UntilAnAdminTopsItUp() throws Exception {
        // given
        String model = model();
        JsonNode ivy = user("ivy");
        String key = keyOf(ivy);

        // when / then
        HttpResponse<String> before = chat(key, model);
        assertThat(before.statusCode()).isEqualTo(429);
        assertThat(before.body()).contains("insufficient_quota");
        AdminApi.Reply topUp = admin.post(
                "/api/v1/users/" + ivy.get("id").asText() + "/wallet/credits",
                Map.of("amount", 100, "reason", "welcome"));
        assertThat(topUp.json().get("balance").asLong()).isEqualTo(100);
        assertThat(chat(key, model).statusCode()).isEqualTo(200);
        assertThat(wallet(ivy).get("balance").asLong()).isEqualTo(92);
        assertThat(wallet(ivy).get("used").asLong()).isEqualTo(8);
    }

    @Test
    void givenABalanceForExactlyTenRequests_when50RequestsRace_thenExactlyTenAreServedAndTheBalanceIsZero()
            throws Exception {
        // given
        String model = model();
        JsonNode jack = user("jack");
        String key = keyOf(jack);
        admin.post(
                "/api/v1/users/" + jack.get("id").asText() + "/wallet/credits",
                Map.of("amount", 80, "reason", "exactly ten requests"));

        // when
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                Callable<Integer> call = () -> chat(key, model).statusCode();
                results.add(pool.submit(call));
            }
        }
        int ok = 0;
        int refused = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 200) {
                ok++;
            } else if (status == 429) {
                refused++;
            }
        }

        // then
        assertThat(ok).isEqualTo(10);
        assertThat(refused).isEqualTo(40);
        JsonNode wallet = wallet(jack);
        assertThat(wallet.get("balance").asLong()).isZero();
        assertThat(wallet.get("reserved").asLong()).isZero();
        assertThat(wallet.get("used").asLong()).isEqualTo(80);
    }

    @Test
    void givenAdjustments_thenAReasonIsRequiredAndABalanceNeverGoesBelowZero() {
        // given
        JsonNode kim = user("kim");
        String wallet = "/api/v1/users/" + kim.get("id").asText() + "/wallet";
        admin.post(wallet + "/credits", Map.of("amount", 50, "reason", "start"));

        // when
        AdminApi.Reply noReason = admin.post(wallet + "/credits", Map.of("amount", 10));
        AdminApi.Reply tooMuch = admin.post(wallet + "/debits", Map.of("amount", 51, "reason", "refund"));
        AdminApi.Reply fits = admin.post(wallet + "/debits", Map.of("amount", 20, "reason", "refund"));
        AdminApi.Reply negative = admin.post(wallet + "/credits", Map.of("amount", -5, "reason", "sneaky"));
        AdminApi asKim = new AdminApi(port).loginAs(kim.get("username").asText(), PASSWORD);
        AdminApi.Reply selfCredit = asKim.post(wallet + "/credits", Map.of("amount", 1_000_000, "reason", "me"));
        AdminApi.Reply ownWallet = asKim.get(wallet);

        // then
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(fits.json().get("balance").asLong()).isEqualTo(30);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(selfCredit.status()).isEqualTo(403);
        assertThat(ownWallet.json().get("balance").asLong()).isEqualTo(30);
        assertThat(ownWallet.json().get("debited").asLong()).isEqualTo(20);
    }
}
