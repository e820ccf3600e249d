package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.application.billing.service.BillingJournal;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The short fixed-seed pass of the fuzzer (issue 20; the long pass is {@code bench/fuzz.sh}): mutated requests to
 * {@code /v1/*} and {@code /api/v1/*} over raw sockets are answered with a success or a 4xx in the surface's shape,
 * never a 500, never a hang; only answered requests are charged; memory stays bounded. Then one regression test per
 * bug the fuzzer found.
 */
class FuzzEndToEndTest extends EndToEndTestBase {
    private static final long SEED = 20_2026L;
    private static final int REQUESTS = 400;

    @Test
    void givenAFixedSeed_whenMutatedRequestsHitTheRelayAndTheAdminApi_thenNoServerErrorNoHangAndOnlySuccessesCharged()
            throws InterruptedException {
        // given
        String model = uniqueModel("fuzz");
        admin.setPrice(model, 1_000_000, 2_000_000);
        admin.createChannel(model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        JsonNode token = admin.createToken(Map.of("name", "fuzz", "quota", 1_000_000_000L));
        HttpFuzzer fuzzer = new HttpFuzzer(
                "127.0.0.1",
                port,
                token.get("key").asText(),
                admin.accessToken(),
                HttpFuzzer.defaultTargets(model),
                SEED);
        long heapBefore = heapAfterGc();

        // when
        HttpFuzzer.Report report = fuzzer.run(REQUESTS, Duration.ofSeconds(35));

        // then
        assertThat(report.findings()).as("answers breaking the rules").isEmpty();
        assertThat(report.sent()).isGreaterThanOrEqualTo(REQUESTS / 2);
        assertThat(report.chargedSuccesses()).as("some mutations still relay").isPositive();
        assertThat(report.statuses().keySet()).as("statuses").allMatch(s -> s / 100 == 2 || s / 100 == 4 || s == 0);
        String tokenId = token.get("id").asText();
        JsonNode totals = settledTotals(tokenId, report.chargedSuccesses());
        assertThat(totals.get("requests").asLong())
                .as("usage records = answered charged requests")
                .isEqualTo(report.chargedSuccesses());
        assertThat(admin.get("/api/v1/tokens/" + tokenId)
                        .json()
                        .get("usedQuota")
                        .asLong())
                .as("the key paid exactly its usage")
                .isEqualTo(totals.get("cost").asLong());
        assertThat(heapAfterGc() - heapBefore)
                .as("heap growth after GC (bytes)")
                .isLessThan(96L << 20);
    }

    @Test
    void givenANulInAQueryParameter_whenAFilteredListIsRead_thenA400ProblemNotA500() {
        for (String path : List.of(
                "/api/v1/ledger?size=5&tokenId=%00",
                "/api/v1/usage?page=0&size=5&organizationId=%00",
                "/api/v1/audit-log?actor=a%00b",
                "/api/v1/ledger.csv?memberId=%00",
                "/api/v1/channels?q=%00",
                "/api/v1/usage?%00=1")) {
            // when
            AdminApi.Reply reply = admin.get(path);

            // then
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.raw().headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .startsWith("application/problem+json");
            assertThat(reply.json().get("code").asText()).as(path).isEqualTo("invalid_request");
        }
    }

    @Test
    void givenAPathTheFirewallRefuses_whenSent_thenA400InTheShapeOfItsApi() {
        // when: a control character in the path, on the relay and on the admin API
        AdminApi.Reply relay = admin.get("/v1/models%0A");
        AdminApi.Reply api = admin.get("/api/v1/usage%0A");

        // then
        assertThat(relay.status()).isEqualTo(400);
        assertThat(relay.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.json().get("code").asText()).isEqualTo("invalid_request");
    }

    @Test
    void givenAPasswordWithAnEncodedSurrogate_whenLoggingIn_thenA400ProblemNotA500() {
        // given: the UTF-8 encoding of a lone surrogate (ED A0 80), which is not valid UTF-8
        byte[] prefix = "{\"username\":\"fuzz-nobody\",\"password\":\"abc".getBytes();
        byte[] body = new byte[prefix.length + 5];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xED;
        body[prefix.length + 1] = (byte) 0xA0;
        body[prefix.length + 2] = (byte) 0x80;
        body[prefix.length + 3] = '"';
        body[prefix.length + 4] = '}';

        // when
        AdminApi.Reply reply = admin.rawBytes("POST", "/api/v1/auth/login", body);

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_request");
    }

    @Test
    void givenANulInAName_whenAKeyOrAnOrganisationIsCreated_thenRefusedAndNothingCreated() {
        // given
        long keysBefore = admin.get("/api/v1/tokens?size=1").json().get("total").asLong();

        // when
        AdminApi.Reply key = admin.raw("POST", "/api/v1/tokens", "{\"name\":\"a\\u0000b\",\"quota\":5}");
        AdminApi.Reply organisation = admin.raw("POST", "/api/v1/organizations", "{\"name\":\"a\\ud800b\"}");

        // then
        assertThat(List.of(key.status(), organisation.status())).containsOnly(400);
        assertThat(key.json().get("code").asText()).isEqualTo("invalid_request");
        assertThat(admin.get("/api/v1/tokens?size=1").json().get("total").asLong())
                .isEqualTo(keysBefore);
    }

    @Test
    void givenAFormBodyWhoseParameterNameTheFirewallRejects_whenPostedToTheAdminApi_thenA400ProblemNotA500()
            throws Exception {
        // given: a JSON body in UTF-16 sent as a form, so that its bytes become a parameter name with NULs in it
        byte[] body = "{\"code\":\"not-a-code\"}".getBytes(StandardCharsets.UTF_16);
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/redemptions"))
                .header("Authorization", "Bearer " + admin.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        // when
        HttpResponse<String> reply = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(reply.body()).contains("\"code\":\"invalid_request\"");
    }

    /**
     * The key's usage totals once the settlements of the answered requests are stored: each request handed its
     * settlement to the journal before its answer went out, so once the journal has stored everything handed over, a
     * charge beyond the answered requests would be there too.
     */
    private JsonNode settledTotals(String tokenId, long expectedRequests) {
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10)))
                .as("billing journal flushed")
                .isTrue();
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> admin.get("/api/v1/usage?size=1&tokenId=" + tokenId)
                                .json()
                                .get("totals"),
                        totals -> totals.get("requests").asLong() >= expectedRequests);
    }

    @Autowired
    BillingJournal journal;

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
