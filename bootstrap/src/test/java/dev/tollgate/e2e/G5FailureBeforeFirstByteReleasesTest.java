package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * G5 A failure before the first byte reaches the client releases the whole reservation. The reservation is seen on
 * the wallet while the failing upstream holds the request; afterwards nothing is charged or held, the settlement is
 * recorded as failed with cost 0, and a key whose quota covers exactly one request can still make it.
 */
class G5FailureBeforeFirstByteReleasesTest extends BillingGuaranteeTestBase {

    @Test
    void givenAnUpstreamThatFailsAfterAWhile_whenChatting_thenTheWholeReservationIsReleased() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given: a key with quota for exactly one request of 8 units; the only channel answers 503 after 500 ms
            upstream.usage(12, 8);
            upstream.failWith(503);
            upstream.delay(500);
            String model = model("g5", upstream, 0, 1_000_000);
            User user = newUser("g5");
            credit(user, 100, "start");
            JsonNode key = keyOf(user, Map.of("name", "k", "quota", 8));

            // when
            CompletableFuture<HttpResponse<String>> reply = CompletableFuture.supplyAsync(() -> {
                try {
                    return chat(key.get("key").asText(), model, 8);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long reservedMeanwhile = await(
                            () -> wallet(user), w -> w.get("reserved").asLong() > 0)
                    .get("reserved")
                    .asLong();
            HttpResponse<String> failed = reply.get();

            // then: the client got an error, the 8 units held meanwhile are all free again
            assertThat(reservedMeanwhile).isEqualTo(8);
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(failed.body()).contains("upstream_error");
            JsonNode wallet = wallet(user);
            assertThat(wallet.get("reserved").asLong()).isZero();
            assertThat(wallet.get("used").asLong()).isZero();
            assertThat(wallet.get("balance").asLong()).isEqualTo(100);
            assertThat(token(key).get("usedQuota").asLong()).isZero();
            assertThat(token(key).get("remainingQuota").asLong()).isEqualTo(8);
            JsonNode record = usage(key).get("items").get(0);
            assertThat(record.get("outcome").asText()).isEqualTo("failed");
            assertThat(record.get("cost").asLong()).isZero();
            assertThat(ledger("tokenId=" + key.get("id").asText() + "&kind=settlement", p -> true)
                            .get("totals")
                            .get("entries")
                            .asLong())
                    .isZero();
            // the ledger shows the hold and its release: 8 held, 8 given back, nothing held any more
            JsonNode holds =
                    ledgerEntries("tokenId=" + key.get("id").asText(), 2).get("totals");
            assertThat(holds.get("entries").asLong()).isEqualTo(2);
            assertThat(holds.get("reserved").asLong()).isEqualTo(8);
            assertThat(holds.get("released").asLong()).isEqualTo(8);
            assertThat(holds.get("held").asLong()).isZero();
            assertThat(holds.get("taken").asLong()).isZero();

            // when the upstream recovers, the one request the key can pay for is served and charged
            upstream.failWith(0);
            upstream.delay(0);
            assertThat(chat(key.get("key").asText(), model, 8).statusCode()).isEqualTo(200);
            assertThat(token(key).get("usedQuota").asLong()).isEqualTo(8);
            assertThat(wallet(user).get("balance").asLong()).isEqualTo(92);
        }
    }

    @Test
    void givenAStreamWhoseOnlyChannelCannotBeReached_whenStreaming_thenNothingIsChargedOrHeld() throws Exception {
        // given: a channel on a port nobody listens on
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String model = uniqueModel("g5-down");
        admin.createChannel("down-" + model, "http://127.0.0.1:" + closedPort, model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        User user = newUser("g5down");
        credit(user, 10_000, "start");
        JsonNode key = keyOf(user, Map.of("name", "k", "unlimitedQuota", true));

        // when
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key.get("key").asText())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then: an error status before any stream began, and the wallet as it was
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(r.body()).doesNotContain("data:");
        JsonNode wallet = wallet(user);
        assertThat(wallet.get("reserved").asLong()).isZero();
        assertThat(wallet.get("used").asLong()).isZero();
        assertThat(wallet.get("balance").asLong()).isEqualTo(10_000);
        JsonNode record = usage(key).get("items").get(0);
        assertThat(record.get("outcome").asText()).isEqualTo("failed");
        assertThat(record.get("cost").asLong()).isZero();
    }
}
