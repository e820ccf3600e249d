package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.in.web.relay.InFlightLimit;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 20 (docs/reliability.md): a node serves at most {@code tollgate.in-flight.max-requests} relayed requests at
 * once. The next one is refused at once with 503 {@code server_overloaded} and {@code Retry-After}, in its protocol's
 * error shape, before its body is read, and is charged nothing; once a request ends, by an answer, an error, an
 * upstream failure or a client that went away, its place is free again. The admin API is not limited.
 */
class InFlightLimitEndToEndTest {
    private static final String ROOT_PASSWORD = "in-flight-" + UUID.randomUUID();
    private static final String MODEL = "in-flight-model";
    private static final String FAILING_MODEL = "in-flight-unreachable";
    /** The fake's usage, 12 prompt + 8 completion tokens, at 1,000,000 units per million tokens each. */
    private static final long COST = 20;

    private static final int LIMIT = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeOpenAiUpstream upstream;
    private static ConfigurableApplicationContext node;
    private static AdminApi admin;
    private static InFlightLimit limit;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeOpenAiUpstream();
        node = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                        "--tollgate.root-password=" + ROOT_PASSWORD,
                        "--spring.datasource.url=",
                        "--tollgate.db.url=",
                        "--tollgate.channels.private-hosts-allowed=127.0.0.1",
                        "--tollgate.in-flight.max-requests=" + LIMIT);
        limit = node.getBean(InFlightLimit.class);
        admin = new AdminApi(port()).loginAs("root", ROOT_PASSWORD);
        admin.createChannel("in-flight", upstream.baseUrl(), MODEL, 0, 1, Map.of());
        admin.setPrice(MODEL, 1_000_000, 1_000_000);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        admin.createChannel("unreachable", "http://127.0.0.1:" + closedPort, FAILING_MODEL, 0, 1, Map.of());
        admin.setPrice(FAILING_MODEL, 1_000_000, 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @AfterEach
    void answerNormallyAgain() {
        upstream.reset();
    }

    @Test
    void
            givenTheNodeAtItsLimit_whenOneMoreRequestArrives_thenItIs503OverloadedAndUnchargedAndOnceOneEndsTheNextIsServed()
                    throws Exception {
        // given: two requests (a stream and a plain one) held by the upstream
        JsonNode token = admin.createToken(Map.of("name", "in-flight", "quota", 100_000));
        String key = token.get("key").asText();
        CountDownLatch release = new CountDownLatch(1);
        upstream.onRequest(() -> awaitQuietly(release));
        CompletableFuture<HttpResponse<String>> plain = HTTP.sendAsync(chat(key, MODEL, false), ofString());
        CompletableFuture<HttpResponse<String>> stream = HTTP.sendAsync(chat(key, MODEL, true), ofString());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> upstream.received().size() == LIMIT);
        long refusedBefore = limit.refused();

        // when: one more, on OpenAI's and on Anthropic's API, and an admin call
        HttpResponse<String> refused = HTTP.send(chat(key, MODEL, false), ofString());
        HttpResponse<String> refusedAnthropic = HTTP.send(anthropic(key), ofString());
        AdminApi.Reply adminCall = admin.get("/api/v1/tokens/" + token.get("id").asText());

        // then: 503 at once in each protocol's shape, retryable, never sent upstream; the admin API answers
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode error = JSON.readTree(refused.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("server_error");
        assertThat(error.get("code").asText()).isEqualTo("server_overloaded");
        assertThat(error.get("message").asText()).contains("limit of " + LIMIT + " requests");
        assertThat(refusedAnthropic.statusCode()).isEqualTo(503);
        assertThat(refusedAnthropic.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode anthropicError = JSON.readTree(refusedAnthropic.body());
        assertThat(anthropicError.get("type").asText()).isEqualTo("error");
        assertThat(anthropicError.get("error").get("type").asText()).isEqualTo("overloaded_error");
        assertThat(upstream.received()).hasSize(LIMIT);
        assertThat(limit.refused()).isEqualTo(refusedBefore + 2);
        assertThat(adminCall.status()).isEqualTo(200);

        // and when: the held requests end
        release.countDown();

        // then: both answered, the places free, the next request served; only the three answered are charged
        assertThat(plain.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> streamed = stream.get(10, TimeUnit.SECONDS);
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("data: [DONE]");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> limit.inFlight() == 0);
        assertThat(HTTP.send(chat(key, MODEL, false), ofString()).statusCode()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                                admin.get("/api/v1/tokens/" + token.get("id").asText())
                                        .json()
                                        .get("usedQuota")
                                        .asLong())
                        .isEqualTo(3 * COST));
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(admin.get("/api/v1/usage?tokenId="
                                        + token.get("id").asText())
                                .json()
                                .get("total")
                                .asLong())
                        .isEqualTo(3));
    }

    @Test
    void givenUpstreamErrorsFailuresAndAClientThatLeaves_whenTheRequestsEnd_thenNoPlaceInFlightIsLeftTaken()
            throws Exception {
        // given
        String key = admin.createToken(Map.of("name", "in-flight-errors", "quota", 100_000))
                .get("key")
                .asText();

        // when: the upstream answers 500, the upstream cannot be reached, the request is refused (no key, bad JSON)
        upstream.failWith(500);
        HttpResponse<String> upstreamError = HTTP.send(chat(key, MODEL, false), ofString());
        upstream.reset();
        HttpResponse<String> unreachable = HTTP.send(chat(key, FAILING_MODEL, true), ofString());
        HttpResponse<String> noKey = HTTP.send(chat("", MODEL, false), ofString());
        HttpResponse<String> badJson = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":"))
                        .build(),
                ofString());
        // and a streaming client that goes away while the upstream holds its request
        CountDownLatch release = new CountDownLatch(1);
        upstream.onRequest(() -> awaitQuietly(release));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port())) {
            byte[] body = ("{\"model\":\"" + MODEL + "\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !upstream.received().isEmpty());
            assertThat(limit.inFlight()).isEqualTo(1);
        }
        release.countDown();

        // then: each refused or failed in its shape, and every place given back
        assertThat(List.of(
                        upstreamError.statusCode(), unreachable.statusCode(), noKey.statusCode(), badJson.statusCode()))
                .allSatisfy(status -> assertThat(status).isBetween(400, 599));
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(badJson.statusCode()).isEqualTo(400);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> limit.inFlight() == 0);
        AdminApi.Reply scrape = admin.get("/actuator/prometheus");
        assertThat(scrape.raw().body())
                .contains("tollgate_relay_in_flight 0.0")
                .contains("tollgate_relay_in_flight_limit " + LIMIT + ".0")
                .contains("tollgate_relay_overload_refusals_total");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpRequest chat(String key, String model, boolean stream) {
        return HttpRequest.newBuilder(URI.create(base() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    private static HttpRequest anthropic(String key) {
        return HttpRequest.newBuilder(URI.create(base() + "/v1/messages"))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private static String base() {
        return "http://127.0.0.1:" + port();
    }

    private static int port() {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
