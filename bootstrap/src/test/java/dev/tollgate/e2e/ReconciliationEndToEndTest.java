package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciliation: after top-ups, a debit and spending, the balances in memory and the stored ledger agree; a row
 * slipped into the stored ledger behind the gateway's back is reported as a drift.
 */
class ReconciliationEndToEndTest extends EndToEndTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenActivity_whenReconciling_thenThereIsNoDriftAndATamperedRowIsCaught() throws Exception {
        // given
        UPSTREAM.usage(12, 8);
        String id = userWhoSpends("reconcile", "rita", 5);

        // when
        JsonNode clean = admin.post("/api/v1/admin/reconciliations", Map.of()).json();
        jdbc.update(
                "insert into wallet_entry (event_id, at, owner_id, organization_id, kind, amount, reason, actor) "
                        + "values ('tampered-" + id + "', ?, ?, ?, 'top_up', 1000000, 'forged', 'nobody')",
                Timestamp.from(Instant.now()),
                id,
                "personal-" + id);
        JsonNode tampered;
        try {
            tampered = admin.post("/api/v1/admin/reconciliations", Map.of()).json();
        } finally {
            jdbc.update("delete from wallet_entry where event_id = ?", "tampered-" + id);
        }

        // then: 5,000 − 500 − 5 × 20 = 4,400 on both sides
        assertThat(clean.get("drifts")).isEmpty();
        assertThat(clean.get("walletsChecked").asInt()).isPositive();
        assertThat(admin.get("/api/v1/users/" + id + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(4_400);
        assertThat(tampered.get("drifts").toString())
                .contains(id)
                .contains("\"inMemory\":4400")
                .contains("\"stored\":1004400");
    }

    @Test
    void givenAWalletPoolCommittedPastItsCredits_whenReconciling_thenItIsReportedAsAnAllowanceDrift() throws Exception {
        // given: a wallet of 5,000 whose pool was used by a request and a debit (so the pool exists)
        String id = userWhoSpends("pool", "paula", 1);
        JsonNode clean = admin.post("/api/v1/admin/reconciliations", Map.of()).json();
        Long base = jdbc.queryForObject("select base from quota_pool where pool_id = ?", Long.class, "wallet:" + id);

        // when: the pool's base is forged past the credits, behind the gateway's back
        jdbc.update("update quota_pool set base = base + 10000 where pool_id = ?", "wallet:" + id);
        JsonNode forged;
        try {
            forged = admin.post("/api/v1/admin/reconciliations", Map.of()).json();
        } finally {
            jdbc.update("update quota_pool set base = base - 10000 where pool_id = ?", "wallet:" + id);
        }

        // then: the debit went through the pool (its base holds it); the forged pool is reported, the clean one not
        assertThat(base).isGreaterThanOrEqualTo(500);
        assertThat(clean.get("drifts").toString()).doesNotContain(id);
        assertThat(forged.get("drifts").toString())
                .contains("\"kind\":\"allowance\"")
                .contains(id)
                .contains("\"inMemory\":5000");
    }

    /**
     * A user with 5,000 units credited and 500 debited, whose unlimited key sends {@code requests} chat requests to a
     * new model at 1 unit per token; returns the user's id.
     */
    private String userWhoSpends(String modelPrefix, String namePrefix, int requests) throws Exception {
        String model = uniqueModel(modelPrefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        String name = uniqueModel(namePrefix);
        String id = admin.post("/api/v1/users", Map.of("username", name, "password", "correct-horse-battery-1"))
                .json()
                .get("id")
                .asText();
        admin.post("/api/v1/users/" + id + "/wallet/credits", Map.of("amount", 5_000, "reason", "budget"));
        admin.post("/api/v1/users/" + id + "/wallet/debits", Map.of("amount", 500, "reason", "correction"));
        String key = new AdminApi(port)
                .loginAs(name, "correct-horse-battery-1")
                .post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true))
                .json()
                .get("key")
                .asText();
        for (int i = 0; i < requests; i++) {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                    .header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        }
        return id;
    }
}
