package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 3 (the API side): an amount above the documented ceiling of 10^15 units per credit, debit or
 * redemption code is refused with 400 naming the field, and changes nothing; the ceiling itself is accepted. Two
 * credits of {@code Long.MAX_VALUE} used to answer 200 (and overflow the wallet's balance).
 */
class AmountCeilingEndToEndTest extends EndToEndTestBase {
    private static final long CEILING = 1_000_000_000_000_000L;

    private JsonNode user() {
        return admin.post(
                        "/api/v1/users",
                        Map.of(
                                "username",
                                uniqueModel("ceiling"),
                                "password",
                                "correct-horse-battery-3",
                                "role",
                                "USER"))
                .json();
    }

    private void assertRefused(AdminApi.Reply reply, String field) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(400);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_value");
        assertThat(reply.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void givenAUsersWallet_whenCreditingOrDebitingAboveTheCeiling_then400AndTheBalanceIsUnchanged() {
        // given
        String wallet = "/api/v1/users/" + user().get("id").asText() + "/wallet";

        // when
        AdminApi.Reply huge = admin.post(wallet + "/credits", Map.of("amount", Long.MAX_VALUE, "reason", "x"));
        AdminApi.Reply again = admin.post(wallet + "/credits", Map.of("amount", Long.MAX_VALUE, "reason", "x"));
        AdminApi.Reply justAbove = admin.post(wallet + "/credits", Map.of("amount", CEILING + 1, "reason", "x"));
        AdminApi.Reply debit = admin.post(wallet + "/debits", Map.of("amount", CEILING + 1, "reason", "x"));
        AdminApi.Reply atCeiling = admin.post(wallet + "/credits", Map.of("amount", CEILING, "reason", "max"));

        // then
        assertRefused(huge, "amount");
        assertRefused(again, "amount");
        assertRefused(justAbove, "amount");
        assertRefused(debit, "amount");
        assertThat(atCeiling.status()).as(atCeiling.raw().body()).isEqualTo(200);
        assertThat(admin.get(wallet).json().get("balance").asLong()).isEqualTo(CEILING);
    }

    @Test
    void givenAnOrganisationWallet_whenCreditingAboveTheCeiling_then400() {
        // given
        String org = admin.post("/api/v1/organizations", Map.of("name", uniqueModel("ceiling-org")))
                .json()
                .get("id")
                .asText();

        // when
        AdminApi.Reply credit = admin.post(
                "/api/v1/organizations/" + org + "/wallet/credits", Map.of("amount", Long.MAX_VALUE, "reason", "x"));
        AdminApi.Reply debit = admin.post(
                "/api/v1/organizations/" + org + "/wallet/debits", Map.of("amount", Long.MAX_VALUE, "reason", "x"));

        // then
        assertRefused(credit, "amount");
        assertRefused(debit, "amount");
        assertThat(admin.get("/api/v1/organizations/" + org + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isZero();
    }

    @Test
    void givenARedemptionBatch_whenItsValueIsAboveTheCeiling_then400AndNoBatchExists() {
        // given
        String name = uniqueModel("ceiling-batch");

        // when
        AdminApi.Reply batch =
                admin.post("/api/v1/redemption-batches", Map.of("name", name, "count", 2, "value", Long.MAX_VALUE));

        // then
        assertRefused(batch, "value");
        assertThat(admin.get("/api/v1/redemption-batches").raw().body()).doesNotContain(name);
    }
}
