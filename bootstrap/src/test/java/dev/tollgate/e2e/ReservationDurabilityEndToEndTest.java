package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.TollgateApplication;
import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.OpenReservationPort;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reservations are events: in {@code sync} durability the upstream is called only once the request's reservation is
 * stored; the settlement closes it; and the reservations of a process that stopped without settling them (G7) are
 * released within the bound (node silence + heartbeat interval).
 */
class ReservationDurabilityEndToEndTest {
    private static final String PASSWORD = "durable-" + UUID.randomUUID();
    private static final Duration SILENCE = Duration.ofSeconds(2);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static FakeOpenAiUpstream upstream;
    private static ConfigurableApplicationContext app;
    private static AdminApi admin;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeOpenAiUpstream();
        Path dataDir = TestDatabase.newDataDir();
        app = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + dataDir,
                        "--tollgate.root-password=" + PASSWORD,
                        "--spring.datasource.url=",
                        "--tollgate.db.url=",
                        "--tollgate.billing.durability=sync",
                        "--tollgate.billing.heartbeat-interval=" + HEARTBEAT,
                        "--tollgate.billing.node-silence=" + SILENCE);
        admin = new AdminApi(port()).loginAs("root", PASSWORD);
        jdbc = app.getBean(JdbcTemplate.class);
        admin.createChannel("durable", upstream.baseUrl(), "durable-model", 0, 1, Map.of());
        admin.setPrice("durable-model", 1_000_000, 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void givenSyncDurability_whenTheUpstreamReceivesTheRequest_thenItsReservationIsAlreadyStored() throws Exception {
        // given
        JsonNode token = admin.createToken(Map.of("name", "sync", "quota", 100_000));
        String tokenId = token.get("id").asText();
        AtomicLong reservedWhenCalled = new AtomicLong(-1);
        upstream.onRequest(() -> reservedWhenCalled.set(jdbc.queryForObject(
                "select coalesce(sum(amount), 0) from open_reservation where token_id = ?", Long.class, tokenId)));

        // when
        HttpResponse<String> answer = chat(token.get("key").asText());

        // then: stored before the call, closed by the settlement
        assertThat(app.getBean(BillingJournal.class).durability()).isEqualTo(BillingJournal.Durability.SYNC);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(reservedWhenCalled.get()).isPositive();
        assertThat(app.getBean(BillingJournal.class).awaitFlushed(Duration.ofSeconds(10)))
                .isTrue();
        assertThat(jdbc.queryForObject("select count(*) from open_reservation where token_id = ?", Long.class, tokenId))
                .isZero();
        String requestId =
                jdbc.queryForObject("select request_id from usage_record where token_id = ?", String.class, tokenId);
        List<Map<String, Object>> stream = jdbc.queryForList("""
                select sequence_number, payload_type from request_event_entry where aggregate_identifier = ?
                order by sequence_number""", requestId);
        assertThat(stream)
                .extracting(r -> r.get("payload_type").toString())
                .containsExactly(QuotaReservedEvent.class.getName(), RequestSettledEvent.class.getName());
        assertThat(jdbc.queryForObject("select cost from usage_record where request_id = ?", Long.class, requestId))
                .isEqualTo(20);
    }

    @Test
    void g7_givenAReservationOfAProcessThatDied_whenItHasBeenSilentLongerThanTheBound_thenItIsReleased()
            throws Exception {
        // given: a process took a reservation and was killed: its last heartbeat is its last sign of life
        JsonNode token = admin.createToken(Map.of("name", "crash", "quota", 100_000));
        String tokenId = token.get("id").asText();
        String deadNode = "dead-" + UUID.randomUUID();
        String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        app.getBean(OpenReservationPort.class).heartbeat(deadNode);
        AnotherProcess.journal(app)
                .append(List.of(new QuotaReservedEvent(
                        requestId,
                        tokenId,
                        "root",
                        "durable-model",
                        4_000,
                        deadNode,
                        Instant.now().minusSeconds(5))));
        long diedAt = System.nanoTime();
        assertThat(jdbc.queryForObject(
                        "select count(*) from open_reservation where request_id = ?", Long.class, requestId))
                .isOne();

        // when: the live process's heartbeat job finds it
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> openCount(requestId) == 0);
        Duration took = Duration.ofNanos(System.nanoTime() - diedAt);

        // then: released within node silence + heartbeat interval (+ a flush and this machine's slack)
        assertThat(openCount(requestId)).isZero();
        assertThat(took).isLessThan(SILENCE.plus(HEARTBEAT).plusSeconds(3));
        assertThat(jdbc.queryForMap("select outcome, cost from usage_record where request_id = ?", requestId))
                .containsEntry("outcome", "abandoned")
                .containsEntry("cost", 0L);
        assertThat(jdbc.queryForObject(
                        "select count(*) from request_event_entry where aggregate_identifier = ?",
                        Long.class,
                        requestId))
                .isEqualTo(2);
        assertThat(admin.get("/api/v1/tokens/" + tokenId)
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isZero();
        JsonNode reconciliation =
                admin.post("/api/v1/admin/reconciliations", Map.of()).json();
        assertThat(reconciliation.get("drifts")).isEmpty();
    }

    @Test
    void
            givenAProcessThatDiedHoldingMostOfAKeysAllowance_whenItHasBeenSilentLongerThanTheBound_thenTheRestIsUsableAgain()
                    throws Exception {
        // given: a key capped at 1,000 units; a process that has since died was granted 950 of them and used none
        JsonNode token = admin.createToken(Map.of("name", "allowance", "quota", 1_000));
        String tokenId = token.get("id").asText();
        String pool = AllowancePort.keyPool(tokenId);
        String deadNode = "dead-" + UUID.randomUUID();
        app.getBean(AllowancePort.class)
                .grant(deadNode, List.of(new AllowancePort.GrantRequest(pool, 1_000, 0, 950, 950)));
        long diedAt = System.nanoTime();

        // when: a request that needs more than the 50 left is sent at once, and again once the process is forgotten
        int whileHeld = chat(token.get("key").asText()).statusCode();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from quota_allowance where pool_id = ? and node = ?",
                                Long.class,
                                pool,
                                deadNode)
                        == 0);
        Duration took = Duration.ofNanos(System.nanoTime() - diedAt);
        HttpResponse<String> afterwards = chat(token.get("key").asText());

        // then: refused while the dead process's share was out (the memory alone would have admitted it), served
        // after; its allowance ended within node silence + heartbeat interval, what it spent (nothing) in the base
        assertThat(whileHeld).isEqualTo(429);
        assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(200);
        assertThat(took).isLessThan(SILENCE.plus(HEARTBEAT).plusSeconds(3));
        assertThat(jdbc.queryForObject("select base from quota_pool where pool_id = ?", Long.class, pool))
                .isZero();
        assertThat(jdbc.queryForObject("select sum(ceiling) from quota_allowance where pool_id = ?", Long.class, pool))
                .isLessThanOrEqualTo(1_000);
    }

    private static long openCount(String requestId) {
        Long n = jdbc.queryForObject(
                "select count(*) from open_reservation where request_id = ?", Long.class, requestId);
        return n == null ? 0 : n;
    }

    private static int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static HttpResponse<String> chat(String key) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"model\":\"durable-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
