package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.TollgateApplication;
import dev.tollgate.application.relay.port.in.RealtimeUseCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The RPM/TPM limits of a key hold inside realtime sessions as for HTTP requests: each response is a request and its
 * tokens (from the reported usage) count against the token limit. A refused response is an {@code error} event
 * ({@code rate_limit_exceeded}); it is never forwarded, charges nothing, and the session stays open. Real WebSocket
 * client, the fake realtime upstream, real PostgreSQL.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeRateLimitEndToEndTest {
    static final String ROOT_PASSWORD = "rt-limits-" + UUID.randomUUID();
    static final Path DATA_DIR = TestDatabase.newDataDir();
    static final FakeRealtimeUpstream UPSTREAM = start();
    private static final AtomicInteger MODELS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    RealtimeUseCase realtime;

    AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        registry.add("tollgate.realtime.input-tokens-per-response", () -> "2000");
        registry.add("tollgate.realtime.output-tokens-per-response", () -> "1000");
    }

    @BeforeEach
    void signIn() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
        UPSTREAM.ending(FakeRealtimeUpstream.Ending.DONE);
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }

    private static FakeRealtimeUpstream start() {
        try {
            return new FakeRealtimeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String realtimeModel() {
        String model = "rt-limit-" + MODELS.incrementAndGet();
        admin.createChannel("rt-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        assertThat(admin.put("/api/v1/prices/" + model, Map.of("input", 1_000_000, "output", 2_000_000))
                        .status())
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/prices/" + model + ":audio", Map.of("input", 4_000_000, "output", 8_000_000))
                        .status())
                .isEqualTo(200);
        return model;
    }

    private JsonNode key(String limit, int perMinute) {
        return admin.createToken(
                Map.of("name", "rt-limit-" + MODELS.incrementAndGet(), "quota", 500_000, limit, perMinute));
    }

    private long used(JsonNode key) {
        return admin.get("/api/v1/tokens/" + key.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    private RealtimeTestClient connect(String model, JsonNode key) throws Exception {
        RealtimeTestClient client = RealtimeTestClient.connect(
                port,
                model,
                List.of(),
                "Authorization",
                "Bearer " + key.get("key").asText());
        client.next("session.created");
        return client;
    }

    private static void awaitValue(LongSupplier value, long expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(value.getAsLong()).isEqualTo(expected));
    }

    @Test
    void givenAKeyWithTwoRequestsPerMinute_whenItAsksForAThirdResponse_thenAnErrorEventRefusesItAndTheSessionStays()
            throws Exception {
        // given: two responses answered and paid
        String model = realtimeModel();
        JsonNode key = key("rpm", 2);
        RealtimeTestClient client = connect(model, key);
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");
        long paid = used(key);
        int creates = UPSTREAM.clientEvents("response.create").size();

        // when
        client.send("{\"type\":\"response.create\"}");

        // then: refused with the wait, not forwarded, nothing charged, the session still open
        JsonNode error = JSON.readTree(client.next("error")).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText())
                .contains("the key's limit of 2 requests per minute")
                .contains("retry in");
        assertThat(UPSTREAM.clientEvents("response.create")).hasSize(creates);
        assertThat(paid).isPositive();
        assertThat(used(key)).isEqualTo(paid);
        assertThat(client.closed).isNotDone();
        assertThat(realtime.openSessions()).isEqualTo(1);
        client.socket.sendClose(1000, "bye").get();
        awaitValue(() -> realtime.openSessions(), 0);
    }

    @Test
    void givenAKeyAtItsRequestLimit_whenTheUpstreamCreatesAResponseByItself_thenItIsCancelledAndTheClientTold()
            throws Exception {
        // given: the one request of the minute used
        String model = realtimeModel();
        JsonNode key = key("rpm", 1);
        RealtimeTestClient client = connect(model, key);
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");
        long paid = used(key);
        int cancels = UPSTREAM.clientEvents("response.cancel").size();

        // when: committed input, the upstream answers on its own (server voice detection)
        client.send("{\"type\":\"input_audio_buffer.commit\"}");

        // then: the upstream is told to cancel it, the client gets the error event, nothing is charged
        JsonNode error = JSON.readTree(client.next("error")).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(UPSTREAM.clientEvents("response.cancel")).hasSize(cancels + 1));
        assertThat(UPSTREAM.clientEvents("response.cancel")
                        .getLast()
                        .path("response_id")
                        .asText())
                .startsWith("resp_");
        assertThat(used(key)).isEqualTo(paid);
        assertThat(client.closed).isNotDone();
        client.socket.sendClose(1000, "bye").get();
        awaitValue(() -> realtime.openSessions(), 0);
    }

    @Test
    void givenAKeyWhoseTokenLimitOneResponseUsesUp_whenItAsksForTheNext_thenItIsRefusedForTokens() throws Exception {
        // given: 1,000 tokens per minute; a response is admitted for its worst case (clamped to the limit)
        String model = realtimeModel();
        JsonNode key = key("tpm", 1000);
        RealtimeTestClient client = connect(model, key);
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");

        // when: its usage (220 tokens) went back to the bucket, which still lacks a whole worst case
        client.send("{\"type\":\"response.create\"}");

        // then
        JsonNode error = JSON.readTree(client.next("error")).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).contains("1000 tokens per minute");
        assertThat(client.closed).isNotDone();
        client.socket.sendClose(1000, "bye").get();
        awaitValue(() -> realtime.openSessions(), 0);
    }
}
