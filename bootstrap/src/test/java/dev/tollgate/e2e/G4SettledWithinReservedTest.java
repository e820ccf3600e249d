package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * G4 0 ≤ settled ≤ reserved; usage figures from upstream are clamped and overflow-checked. The reservation is seen
 * on the wallet while the request is in flight; whatever the upstream then reports — more tokens than allowed, a
 * count whose price overflows a long, negative counts — the charge stays between 0 and that reservation.
 */
class G4SettledWithinReservedTest extends BillingGuaranteeTestBase {

    /** Sends a chat request while the upstream holds its answer, and returns the reservation seen meanwhile. */
    private long reservedInFlight(User user, String key, String model, CompletableFuture<HttpResponse<String>> reply)
            throws Exception {
        reply.completeAsync(() -> {
            try {
                return chat(key, model, 8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode during = await(() -> wallet(user), w -> w.get("reserved").asLong() > 0);
        return during.get("reserved").asLong();
    }

    @Test
    void givenAnUpstreamReportingFarMoreTokensThanAllowed_thenTheChargeIsTheReservationAndNoMore() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given: free input, 1 unit per output token, max_tokens 8, but the upstream claims 1,000,000 tokens
            upstream.usage(12, 1_000_000);
            upstream.delay(500);
            String model = model("g4-more", upstream, 0, 1_000_000);
            User user = newUser("g4");
            credit(user, 1_000, "start");
            String key = keyOf(user, Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            CompletableFuture<HttpResponse<String>> reply = new CompletableFuture<>();
            long reserved = reservedInFlight(user, key, model, reply);

            // then
            assertThat(reply.get().statusCode()).isEqualTo(200);
            assertThat(reserved).isEqualTo(8);
            JsonNode wallet = wallet(user);
            assertThat(wallet.get("used").asLong()).isEqualTo(reserved);
            assertThat(wallet.get("reserved").asLong()).isZero();
            assertThat(wallet.get("balance").asLong()).isEqualTo(1_000 - reserved);
        }
    }

    @Test
    void givenAnUpstreamReportingATokenCountWhosePriceOverflows_thenTheChargeIsClampedToTheReservation()
            throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given: 4e18 output tokens × 1,000,000 units per 1M tokens overflows a long on the way
            upstream.usage(4_000_000_000_000_000_000L, 4_000_000_000_000_000_000L);
            String model = model("g4-overflow", upstream, 1_000_000, 1_000_000);
            JsonNode key = admin.createToken(Map.of("name", "g4-overflow", "quota", 1_000));

            // when
            HttpResponse<String> r = chat(key.get("key").asText(), model, 8);

            // then: charged the reservation (prompt bound + 8), within the key's quota, never wrapped negative
            assertThat(r.statusCode()).isEqualTo(200);
            long used = token(key).get("usedQuota").asLong();
            assertThat(used).isPositive().isLessThanOrEqualTo(1_000);
            JsonNode record = usage(key).get("items").get(0);
            assertThat(record.get("cost").asLong()).isEqualTo(used);
            // the prompt's bound: the bytes of the input's field names and strings ("messages", "role", "user",
            // "content", "hi": 25) + 4 per message + 3 = 32 tokens, plus the 8 output tokens allowed
            assertThat(used).isEqualTo(32 + 8);
            assertThat(token(key).get("remainingQuota").asLong()).isEqualTo(1_000 - used);
        }
    }

    @Test
    void givenAnUpstreamReportingNegativeTokenCounts_thenNothingIsChargedAndNothingCredited() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            upstream.usage(-500, -1_000_000);
            String model = model("g4-negative", upstream, 1_000_000, 1_000_000);
            User user = newUser("g4neg");
            credit(user, 1_000, "start");
            JsonNode key = keyOf(user, Map.of("name", "k", "quota", 500));

            // when
            HttpResponse<String> r = chat(key.get("key").asText(), model, 8);

            // then: 0 ≤ settled — a negative count is read as 0, it never gives money back
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode record = usage(key).get("items").get(0);
            assertThat(record.get("cost").asLong()).isZero();
            assertThat(record.get("promptTokens").asLong()).isZero();
            assertThat(record.get("completionTokens").asLong()).isZero();
            assertThat(token(key).get("usedQuota").asLong()).isZero();
            assertThat(token(key).get("remainingQuota").asLong()).isEqualTo(500);
            JsonNode wallet = wallet(user);
            assertThat(wallet.get("balance").asLong()).isEqualTo(1_000);
            assertThat(wallet.get("credited").asLong()).isEqualTo(1_000);
            assertThat(wallet.get("reserved").asLong()).isZero();
        }
    }
}
