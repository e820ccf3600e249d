package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Usage retention: records older than the retention (90 days) are pruned; the daily summaries, the ledger's totals
 * and the wallet's balance stay exactly what they were, and the reconciliation still finds no drift.
 */
class UsageRetentionEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    @Autowired
    ApplicationContext app;

    private RequestSettledEvent settled(String tokenId, String ownerId, long cost, Instant at) {
        return new RequestSettledEvent(
                "req-" + UUID.randomUUID(),
                tokenId,
                ownerId,
                "retention-model",
                "retention-model",
                null,
                100,
                50,
                cost,
                25,
                200,
                "succeeded",
                false,
                at);
    }

    private JsonNode awaitUsage(String query, long total) {
        return BillingGuaranteeTestBase.await(
                () -> admin.get("/api/v1/usage?" + query).json(),
                page -> page.get("total").asLong() >= total);
    }

    @Test
    void givenUsageOlderThanTheRetention_whenPruned_thenTheRecordsAreGoneAndSummariesLedgerAndBalanceAreUnchanged()
            throws Exception {
        // given: a funded user whose key settled three requests 200 and 199 days ago and one an hour ago
        String name = uniqueModel("olga");
        String id = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                .json()
                .get("id")
                .asText();
        admin.post("/api/v1/users/" + id + "/wallet/credits", Map.of("amount", 10_000, "reason", "budget"));
        AdminApi olga = new AdminApi(port).loginAs(name, PASSWORD);
        String tokenId = olga.post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true))
                .json()
                .get("id")
                .asText();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // at noon (UTC) of their days, so that the first two share a day whatever the time the test runs at
        Instant noon200DaysAgo =
                now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(200)).plus(Duration.ofHours(12));
        // stored by another process, as its settlements reach this one
        SettlementJournalPort settlements = AnotherProcess.journal(app);
        settlements.append(List.of(
                settled(tokenId, id, 10, noon200DaysAgo),
                settled(tokenId, id, 20, noon200DaysAgo.plusSeconds(60)),
                settled(tokenId, id, 30, noon200DaysAgo.plus(Duration.ofDays(1))),
                settled(tokenId, id, 40, now.minus(Duration.ofHours(1)))));
        awaitUsage("userId=" + id, 4);
        JsonNode summaryBefore =
                admin.get("/api/v1/usage/summary?groupBy=day&userId=" + id).json();
        JsonNode byModelBefore =
                admin.get("/api/v1/usage/summary?groupBy=model&userId=" + id).json();
        JsonNode ledgerBefore = admin.get("/api/v1/ledger?ownerId=" + id).json().get("totals");
        long balanceBefore = admin.get("/api/v1/users/" + id + "/balance")
                .json()
                .get("balance")
                .asLong();

        // when
        int userTries = olga.post("/api/v1/admin/usage-prunings", Map.of()).status();
        JsonNode pruning = admin.post("/api/v1/admin/usage-prunings", Map.of()).json();

        // then
        assertThat(userTries).isEqualTo(403);
        assertThat(pruning.get("retention").asText()).isEqualTo("PT2160H");
        // how many this call deleted is not asserted: the scheduled job may have pruned them first
        assertThat(pruning.get("prunedBefore").asText())
                .isEqualTo(LocalDate.ofInstant(Instant.now().minus(Duration.ofDays(90)), ZoneOffset.UTC)
                        .toString());
        JsonNode usage = admin.get("/api/v1/usage?userId=" + id).json();
        assertThat(usage.get("total").asLong()).isEqualTo(1);
        assertThat(usage.get("items").get(0).get("cost").asLong()).isEqualTo(40);
        assertThat(summaryBefore.get("items")).hasSize(3);
        assertThat(summaryBefore.get("items").get(0).get("requests").asLong()).isEqualTo(2);
        assertThat(admin.get("/api/v1/usage/summary?groupBy=day&userId=" + id).json())
                .isEqualTo(summaryBefore);
        assertThat(admin.get("/api/v1/usage/summary?groupBy=model&userId=" + id).json())
                .isEqualTo(byModelBefore);
        assertThat(byModelBefore.get("items").get(0).get("cost").asLong()).isEqualTo(100);
        JsonNode ledgerAfter = admin.get("/api/v1/ledger?ownerId=" + id).json().get("totals");
        assertThat(ledgerAfter.get("taken")).isEqualTo(ledgerBefore.get("taken"));
        assertThat(ledgerAfter.get("taken").asLong()).isEqualTo(100);
        assertThat(admin.get("/api/v1/users/" + id + "/balance")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(balanceBefore)
                .isEqualTo(9_900);
        assertThat(admin.post("/api/v1/admin/reconciliations", Map.of()).json().get("drifts"))
                .isEmpty();
    }
}
