package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the money guarantee tests (BRIEF §5, G1–G9, one class each, named after it) share: users with wallets, keys,
 * chat requests through the relay, and reads of the stored trail (usage records, ledger entries, stored events) after
 * the billing journal flushed.
 */
abstract class BillingGuaranteeTestBase extends EndToEndTestBase {
    static final String PASSWORD = "correct-horse-battery-1";

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    BillingJournal journal;

    @Autowired
    JdbcTemplate jdbc;

    /** A user (role USER) and a session of theirs. */
    record User(String id, String name, AdminApi api) {
        String wallet() {
            return "/api/v1/users/" + id + "/wallet";
        }
    }

    User newUser(String prefix) {
        String name = uniqueModel(prefix);
        AdminApi.Reply r = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new User(r.json().get("id").asText(), name, new AdminApi(port).loginAs(name, PASSWORD));
    }

    /** Creates a key for the user (its JSON, with the clear key in "key"). */
    JsonNode keyOf(User user, Map<String, Object> body) {
        AdminApi.Reply r = user.api().post("/api/v1/tokens", body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    void credit(User user, long amount, String reason) {
        AdminApi.Reply r = admin.post(user.wallet() + "/credits", Map.of("amount", amount, "reason", reason));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }

    JsonNode wallet(User user) {
        return admin.get(user.wallet()).json();
    }

    JsonNode token(JsonNode key) {
        return admin.get("/api/v1/tokens/" + key.get("id").asText()).json();
    }

    /** A model served by {@code upstream} at 1 unit per output token and free input, unless prices are given. */
    String model(String prefix, FakeOpenAiUpstream upstream, long input, long output) {
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, input, output);
        return model;
    }

    HttpResponse<String> chat(String key, String model, Integer maxTokens) throws Exception {
        String limit = maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens;
        return http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\"" + limit
                                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every settlement handed to the billing journal is stored (with its usage record). */
    void flushed() {
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10)))
                .as("the billing journal flushed")
                .isTrue();
    }

    /** The key's usage records (admin view), after the journal flushed. */
    JsonNode usage(JsonNode key) {
        flushed();
        return admin.get("/api/v1/usage?size=500&tokenId=" + key.get("id").asText())
                .json();
    }

    /** The ledger page for {@code query}, once it satisfies {@code ready} (the ledger follows within a second). */
    JsonNode ledger(String query, Predicate<JsonNode> ready) throws InterruptedException {
        flushed();
        return await(() -> admin.get("/api/v1/ledger?size=500&" + query).json(), ready);
    }

    /** The ledger's kinds that move the balance (every kind but the holds: reservation and release). */
    static final String MONEY = "kind=settlement,top_up,adjustment,debit,redemption,incentive";

    /**
     * Waits until the filter shows {@code entries} entries and nothing held (a request whose settlement is not stored
     * yet shows as an open reservation; a filter on settlements shows only their releases of holds, below 0).
     */
    JsonNode ledgerEntries(String query, long entries) throws InterruptedException {
        return ledger(
                query,
                p -> p.get("totals").get("entries").asLong() >= entries
                        && p.get("totals").get("held").asLong() <= 0);
    }

    /** Events stored under one aggregate identifier (a request id, a wallet id, a code's stream). */
    long storedEvents(String aggregateId) {
        Long n = jdbc.queryForObject("""
                select (select count(*) from domain_event_entry where aggregate_identifier = ?)
                     + (select count(*) from request_event_entry where aggregate_identifier = ?)""", Long.class, aggregateId, aggregateId);
        return n == null ? 0 : n;
    }

    /**
     * Settlement events stored for a request (its stream also holds its reservation, when something was reserved):
     * G3 wants exactly one.
     */
    long storedSettlements(String requestId) {
        Long n = jdbc.queryForObject("""
                select count(*) from request_event_entry where aggregate_identifier = ? and payload_type = ?""", Long.class, requestId, RequestSettledEvent.class.getName());
        return n == null ? 0 : n;
    }

    /**
     * Reconciles and checks that none of these wallets (owner ids) or keys (token ids) drifted. Drifts of other tests'
     * accounts in the shared database are not this test's business.
     */
    void assertNoDrift(String... ids) {
        AdminApi.Reply r = admin.post("/api/v1/admin/reconciliations", Map.of());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        Set<String> mine = Set.of(ids);
        for (JsonNode drift : r.json().get("drifts")) {
            assertThat(mine)
                    .as("drift %s", drift)
                    .doesNotContain(drift.get("id").asText());
        }
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Polls {@code read} until {@code until} holds (at most 10 s) and returns the last value read. */
    static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> until) {
        AtomicReference<JsonNode> value = new AtomicReference<>(read.get());
        if (!until.test(value.get())) {
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            value.set(read.get());
                            return until.test(value.get());
                        });
            } catch (ConditionTimeoutException e) {
                // the caller asserts on the last value read, which names what is missing
            }
        }
        return value.get();
    }
}
