package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The ledger: every top-up, debit, redemption and settled request of a wallet (and the request's hold), with actor and
 * reason; totals that agree with the wallet's balance; the balance at a past instant; a CSV export; users see only
 * their own.
 */
class LedgerEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    private JsonNode awaitLedger(AdminApi as, String query, int entries) throws InterruptedException {
        return BillingGuaranteeTestBase.await(
                () -> as.get("/api/v1/ledger?" + query).json(),
                // and nothing held: a request whose settlement is not stored yet shows as an open reservation
                page -> page.get("totals").get("entries").asLong() >= entries
                        && page.get("totals").get("held").asLong() <= 0);
    }

    @Test
    void givenAWalletThatWasToppedUpDebitedCreditedByACodeAndSpent_thenTheLedgerShowsEachChangeAndAddsUp()
            throws Exception {
        // given
        UPSTREAM.usage(12, 8);
        String model = uniqueModel("ledger");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 0, 1_000_000);
        String name = uniqueModel("lena");
        String id = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                .json()
                .get("id")
                .asText();
        String wallet = "/api/v1/users/" + id + "/wallet";
        admin.post(wallet + "/credits", Map.of("amount", 1_000, "reason", "invoice 7"));
        Instant afterTopUp = Instant.now();
        // whatever is recorded from here on is dated strictly after afterTopUp
        Awaitility.await()
                .pollInterval(Duration.ofMillis(1))
                .until(() -> Instant.now().isAfter(afterTopUp.plusMillis(1)));
        admin.post(wallet + "/debits", Map.of("amount", 100, "reason", "refund to card"));
        String code = admin.post("/api/v1/redemption-batches", Map.of("name", "gift", "count", 1, "value", 50))
                .json()
                .get("codes")
                .get(0)
                .asText();
        AdminApi lena = new AdminApi(port).loginAs(name, PASSWORD);
        lena.post("/api/v1/redemptions", Map.of("code", code));
        String key = lena.post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true))
                .json()
                .get("key")
                .asText();
        int status = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                        + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
        assertThat(status).isEqualTo(200);

        // when
        JsonNode page = awaitLedger(admin, "ownerId=" + id, 5);
        JsonNode own = lena.get("/api/v1/ledger?ownerId=root").json();
        JsonNode atTopUp =
                admin.get("/api/v1/users/" + id + "/balance?at=" + afterTopUp).json();
        String csv = admin.get("/api/v1/ledger.csv?ownerId=" + id).raw().body();

        // then: 1000 − 100 + 50 − 8 = 942, as the wallet says; the request held 8 and was charged all of it
        assertThat(page.get("totals").get("entries").asLong()).isEqualTo(5);
        assertThat(page.get("totals").get("credited").asLong()).isEqualTo(1_050);
        assertThat(page.get("totals").get("taken").asLong()).isEqualTo(108);
        assertThat(page.get("totals").get("reserved").asLong()).isEqualTo(8);
        assertThat(page.get("totals").get("released").asLong()).isZero();
        assertThat(page.get("totals").get("held").asLong()).isZero();
        assertThat(admin.get(wallet).json().get("balance").asLong()).isEqualTo(942);
        JsonNode newest = page.get("entries").get(0);
        assertThat(newest.get("kind").asText()).as(page.toString()).isEqualTo("settlement");
        assertThat(newest.get("amount").asLong()).isEqualTo(-8);
        assertThat(page.toString())
                .contains("invoice 7")
                .contains("refund to card")
                .contains("\"actor\":\"user:root\"");
        assertThat(atTopUp.get("balance").asLong()).isEqualTo(1_000);
        // a user asking for root's ledger gets their own
        assertThat(own.get("totals").get("entries").asLong()).isEqualTo(5);
        own.get("entries").forEach(e -> assertThat(e.get("ownerId").asText()).isEqualTo(id));
        assertThat(csv.lines().count()).isEqualTo(6);
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo(
                        "at,organization_id,member_id,owner_id," + "token_id,kind,amount,held,reference,reason,actor");
        assertThat(csv)
                .contains(",top_up,1000,0,")
                .contains(",debit,-100,0,")
                .contains(",redemption,50,0,")
                .contains(",reservation,0,8,")
                .contains(",settlement,-8,-8,")
                .contains(",personal-" + id + ",," + id + ",,top_up,");
    }
}
