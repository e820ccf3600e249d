package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Tollgate instances on one PostgreSQL, both behind a trusted proxy (127.0.0.1): rate limits hold across them
 * (together they admit at most the limit), a key created on one is limited on the other, the last-used time of a
 * key used on one shows on the other after a flush, and the client address is taken from {@code X-Forwarded-For}
 * only as far as the trusted proxy vouches for it.
 */
class RateLimitsAcrossNodesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "nodes-" + UUID.randomUUID();
    /** Both nodes decrypt the channels' upstream keys with the same master key, as a real deployment must. */
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

    private static EmbeddedPostgresServer database;
    private static FakeOpenAiUpstream upstream;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static AdminApi adminA;
    private static AdminApi adminB;
    private static int models;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = EmbeddedPostgresServer.start(TestDatabase.newDataDir());
        upstream = new FakeOpenAiUpstream();
        nodeA = start(TestDatabase.newDataDir());
        nodeB = start(TestDatabase.newDataDir());
        adminA = new AdminApi(port(nodeA)).loginAs("root", PASSWORD);
        adminB = new AdminApi(port(nodeB)).loginAs("root", PASSWORD);
    }

    @AfterAll
    static void stopTwoNodes() {
        for (AutoCloseable c : new AutoCloseable[] {nodeB, nodeA, upstream, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + dataDir,
                        "--tollgate.root-password=" + PASSWORD,
                        "--tollgate.db.url=" + database.jdbcUrl(),
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                        "--tollgate.secret-key=" + SECRET_KEY,
                        "--tollgate.relay.trusted-proxies=127.0.0.1/32",
                        "--tollgate.keys.last-used-flush-interval=PT0.2S");
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    private static String model(String prefix) {
        String model = prefix + "-" + (++models);
        adminA.createChannel("fake-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
        adminA.setPrice(model, 1_000, 1_000);
        return model;
    }

    private static void eventually(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    /** Node B follows the event store by polling: wait until it knows the key. */
    private static void awaitOnNodeB(String tokenId) throws InterruptedException {
        eventually(
                "node B knows key " + tokenId,
                () -> adminB.get("/api/v1/tokens/" + tokenId).status() == 200);
    }

    private HttpRequest chatRequest(
            ConfigurableApplicationContext node, String key, String model, String forwardedFor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port(node) + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":10}"));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return b.build();
    }

    /** Fires the requests all at once, alternating between the two nodes; returns the answers. */
    private List<HttpResponse<String>> burst(List<String> keys, String model, int count) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ConfigurableApplicationContext node = i % 2 == 0 ? nodeA : nodeB;
            sent.add(http.sendAsync(
                    chatRequest(node, keys.get(i % keys.size()), model, null), HttpResponse.BodyHandlers.ofString()));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static void assertLimited(List<HttpResponse<String>> replies, int limit) throws Exception {
        long admitted = replies.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(admitted).as("admitted by both nodes together").isEqualTo(limit);
        for (HttpResponse<String> r : replies) {
            if (r.statusCode() != 200) {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
                assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
                        .isPositive();
            }
        }
    }

    @Test
    void givenAKeyWithRpmOnTwoNodes_whenMoreRequestsThanTheLimitHitBoth_thenTogetherTheyAdmitTheLimit()
            throws Exception {
        // given
        String model = model("nodes-rpm");
        JsonNode token = adminA.createToken(Map.of("name", "shared", "quota", 1_000_000, "rpm", 5));
        awaitOnNodeB(token.get("id").asText());

        // when
        List<HttpResponse<String>> replies = burst(List.of(token.get("key").asText()), model, 20);

        // then
        assertLimited(replies, 5);
        assertThat(upstream.received().stream()
                        .filter(r -> model.equals(r.body().path("model").asText())))
                .hasSize(5);
    }

    /**
     * A limit of 640 per minute is served from leases of 10 (a sixty-fourth): each node takes ten at a time from the
     * shared bucket and admits from memory. Together the nodes still admit the limit, give or take what refilled
     * during the burst and what their last leases left unused (returned to the bucket within a second).
     */
    @Test
    void givenAHighRpmOnTwoNodes_whenABurstExceedsIt_thenLeasesAdmitTheLimitGiveOrTakeALeasePerNode() throws Exception {
        // given
        String model = model("nodes-leases");
        JsonNode token = adminA.createToken(Map.of("name", "leased", "quota", 1_000_000_000, "rpm", 640));
        awaitOnNodeB(token.get("id").asText());

        // when
        long started = System.nanoTime();
        List<HttpResponse<String>> replies = burst(List.of(token.get("key").asText()), model, 800);
        double seconds = (System.nanoTime() - started) / 1e9;

        // then: what passed the rate limits (served, or failed later on the way upstream: a burst of 800 can
        // overrun the fake provider's connection backlog) is the limit, give or take a lease per node and the refill
        Map<String, Long> answers = replies.stream()
                .collect(Collectors.groupingBy(
                        RateLimitsAcrossNodesEndToEndTest::answer, TreeMap::new, Collectors.counting()));
        long admitted = replies.size() - answers.getOrDefault("429 rate_limit_exceeded", 0L);
        long refilled = (long) Math.ceil(640 * (seconds + 1) / 60);
        LoggerFactory.getLogger(getClass())
                .info(
                        "640 RPM, 800 requests on two nodes in {} s: {} admitted {}",
                        String.format("%.1f", seconds),
                        admitted,
                        answers);
        assertThat(admitted)
                .as("admitted in %.1f s: %s", seconds, answers)
                .isGreaterThanOrEqualTo(640 - 2 * 9)
                .isLessThanOrEqualTo(640 + refilled);
        assertThat(answers.getOrDefault("200", 0L)).as("%s", answers).isPositive();
    }

    /** A reply's status, and its error code unless it is a 200. */
    private static String answer(HttpResponse<String> r) {
        if (r.statusCode() == 200) {
            return "200";
        }
        try {
            return r.statusCode() + " "
                    + JSON.readTree(r.body()).at("/error/code").asText();
        } catch (IOException e) {
            return r.statusCode() + " (not JSON)";
        }
    }

    @Test
    void givenPerUserLimits_whenAUsersTwoKeysHitBothNodes_thenAllTheirKeysTogetherAdmitTheUserLimit() throws Exception {
        // given
        String model = model("nodes-user");
        AdminApi carol = fundedUser("carol");
        JsonNode first = carol.createToken(Map.of("name", "one", "unlimitedQuota", true));
        JsonNode second = carol.createToken(Map.of("name", "two", "unlimitedQuota", true));
        AdminApi.Reply byAUser = carol.put("/api/v1/settings/rate-limits", Map.of("userRpm", 1_000));
        AdminApi.Reply byAUserInvalid = carol.put("/api/v1/settings/rate-limits", Map.of("userRpm", -1));
        AdminApi.Reply readByAUser = carol.get("/api/v1/settings/rate-limits");
        AdminApi.Reply invalid = adminA.put("/api/v1/settings/rate-limits", Map.of("userRpm", 0));
        AdminApi.Reply unknownField = adminA.put("/api/v1/settings/rate-limits", Map.of("keyRpm", 5));
        AdminApi.Reply set = adminA.put("/api/v1/settings/rate-limits", Map.of("userRpm", 3));
        try {
            assertThat(byAUser.status()).isEqualTo(403);
            assertThat(byAUserInvalid.status()).isEqualTo(403);
            assertThat(readByAUser.status()).isEqualTo(403);
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.json().get("detail").asText()).contains("userRpm");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
            assertThat(set.json().get("userRpm").asLong()).isEqualTo(3);
            assertThat(set.json().get("userTpm").isNull()).isTrue();
            awaitOnNodeB(second.get("id").asText());
            eventually(
                    "node B knows the user limits",
                    () -> adminB.get("/api/v1/settings/rate-limits")
                                    .json()
                                    .path("userRpm")
                                    .asLong()
                            == 3);

            // when
            List<HttpResponse<String>> replies =
                    burst(List.of(first.get("key").asText(), second.get("key").asText()), model, 12);

            // then
            assertLimited(replies, 3);
        } finally {
            AdminApi.Reply cleared = adminA.put("/api/v1/settings/rate-limits", Map.of());
            assertThat(cleared.status()).as(cleared.raw().body()).isEqualTo(200);
            assertThat(cleared.json().get("userRpm").isNull()).isTrue();
        }
    }

    /** A funded USER signed in on node A (root's keys are exempt from per-user limits). */
    private static AdminApi fundedUser(String prefix) {
        String password = "correct-horse-battery-7";
        AdminApi.Reply user = adminA.post(
                "/api/v1/users", Map.of("username", prefix + "-" + (++models), "password", password, "role", "USER"));
        assertThat(user.status()).as(user.raw().body()).isEqualTo(201);
        assertThat(adminA.post(
                                "/api/v1/users/" + user.json().get("id").asText() + "/wallet/credits",
                                Map.of("amount", 1_000_000, "reason", "test budget"))
                        .status())
                .isEqualTo(200);
        return new AdminApi(port(nodeA)).loginAs(user.json().get("username").asText(), password);
    }

    @Test
    void givenAKeyLimitAndAUserLimit_whenTheUserLimitRefuses_thenTheKeysBucketGetsItsRequestBack() throws Exception {
        // given: the key allows 5 per minute, its owner 2
        String model = model("nodes-give-back");
        AdminApi dave = fundedUser("dave");
        String key = dave.createToken(Map.of("name", "five", "unlimitedQuota", true, "rpm", 5))
                .get("key")
                .asText();
        assertThat(adminA.put("/api/v1/settings/rate-limits", Map.of("userRpm", 2))
                        .status())
                .isEqualTo(200);
        List<Integer> limitedByUser = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                limitedByUser.add(send(nodeA, key, model, null));
            }
        } finally {
            assertThat(adminA.put("/api/v1/settings/rate-limits", Map.of()).status())
                    .isEqualTo(200);
        }

        // when: without the user limit, the key's own bucket decides
        List<Integer> keyOnly = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            keyOnly.add(send(nodeA, key, model, null));
        }

        // then: the three requests the user limit refused took nothing from the key's bucket
        assertThat(limitedByUser).containsExactly(200, 200, 429, 429, 429);
        assertThat(keyOnly).containsExactly(200, 200, 200, 429, 429, 429);
    }

    @Test
    void givenTheBucketsCannotBeRead_thenALimitedKeyIsRefusedWith503AndAKeyWithoutLimitsIsServed() throws Exception {
        // given
        String model = model("nodes-store-down");
        String limited = adminA.createToken(Map.of("name", "limited", "quota", 1_000_000, "rpm", 100))
                .get("key")
                .asText();
        String free = adminA.createToken(Map.of("name", "free", "quota", 1_000_000))
                .get("key")
                .asText();
        try (var c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                var st = c.createStatement()) {
            st.execute("alter table rate_limit_bucket rename to rate_limit_bucket_away");
            try {
                // when
                HttpResponse<String> refused =
                        http.send(chatRequest(nodeA, limited, model, null), HttpResponse.BodyHandlers.ofString());
                int served = send(nodeA, free, model, null);

                // then
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(JSON.readTree(refused.body()).at("/error/code").asText())
                        .isEqualTo("rate_limit_unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                assertThat(served).isEqualTo(200);
            } finally {
                st.execute("alter table rate_limit_bucket_away rename to rate_limit_bucket");
            }
        }
        assertThat(send(nodeA, limited, model, null)).isEqualTo(200);
    }

    @Test
    void givenATrustedProxy_thenTheClientIsTheRightMostForwardedAddressThatIsNotAProxy() throws Exception {
        // given
        String model = model("nodes-proxy");
        JsonNode token =
                adminA.createToken(Map.of("name", "office", "quota", 1_000_000, "subnets", List.of("203.0.113.0/24")));
        String key = token.get("key").asText();
        awaitOnNodeB(token.get("id").asText());

        // when
        int viaProxy = send(nodeA, key, model, "203.0.113.9");
        int viaTwoProxies = send(nodeB, key, model, "203.0.113.9, 127.0.0.1");
        HttpResponse<String> spoofed = http.send(
                chatRequest(nodeA, key, model, "203.0.113.9, 198.51.100.7"), HttpResponse.BodyHandlers.ofString());
        int noHeader = send(nodeB, key, model, null);
        int garbage = send(nodeA, key, model, "not-an-address");

        // then
        assertThat(viaProxy).isEqualTo(200);
        assertThat(viaTwoProxies).isEqualTo(200);
        assertThat(spoofed.statusCode())
                .as("the client wrote 203.0.113.9 itself; the proxy saw 198.51.100.7")
                .isEqualTo(403);
        assertThat(JSON.readTree(spoofed.body()).at("/error/message").asText()).contains("198.51.100.7");
        assertThat(noHeader).as("the proxy itself is not in the key's subnets").isEqualTo(403);
        assertThat(garbage).isEqualTo(403);
    }

    private int send(ConfigurableApplicationContext node, String key, String model, String forwardedFor)
            throws Exception {
        return http.send(chatRequest(node, key, model, forwardedFor), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void givenAKeyUsedOnNodeA_thenNodeBShowsItsLastUsedTimeAfterAFlush() throws Exception {
        // given
        String model = model("nodes-last-used");
        JsonNode token = adminA.createToken(Map.of("name", "seen", "quota", 1_000_000));
        String id = token.get("id").asText();
        awaitOnNodeB(id);
        assertThat(adminB.get("/api/v1/tokens/" + id).json().get("lastUsedAt").isNull())
                .isTrue();

        // when
        assertThat(send(nodeA, token.get("key").asText(), model, null)).isEqualTo(200);

        // then
        eventually(
                "node B shows the last-used time",
                () -> !adminB.get("/api/v1/tokens/" + id)
                        .json()
                        .get("lastUsedAt")
                        .isNull());
        assertThat(adminB.get("/api/v1/tokens/" + id).json().get("lastUsedAt").asText())
                .isEqualTo(adminA.get("/api/v1/tokens/" + id)
                        .json()
                        .get("lastUsedAt")
                        .asText());
    }
}
