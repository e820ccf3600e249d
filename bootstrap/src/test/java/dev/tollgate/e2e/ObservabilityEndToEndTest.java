package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.TollgateApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16, observability, on a Tollgate started with tracing on and the console log as ECS JSON lines: the spans of a
 * relayed request (and of an admin call) reach a local OTLP/HTTP endpoint as one tree that continues the client's
 * {@code traceparent}, the trace reaches the upstream, {@code X-Request-Id} and the log lines carry the trace id; and no
 * password, key or channel key used in a run appears anywhere in its log.
 */
@SpringBootTest(
        classes = TollgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tollgate.tracing.enabled=true",
            "logging.structured.format.console=ecs",
            "logging.level.dev.tollgate=DEBUG",
            "logging.config=classpath:logback-structured-test.xml",
            // the exporter's batches go out every 100 ms instead of every 5 s
            "management.tracing.opentelemetry.export.schedule-delay=100ms"
        })
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityEndToEndTest {
    private static final String ROOT_PASSWORD = "e2e-obs-" + UUID.randomUUID();
    private static final Path DATA_DIR = TestDatabase.newDataDir();
    private static final OtlpReceiver OTLP = startReceiver();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger MODELS = new AtomicInteger();
    private static final HexFormat HEX = HexFormat.of();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        registry.add("tollgate.tracing.otlp-endpoint", OTLP::endpoint);
    }

    @AfterAll
    static void stopReceiver() {
        OTLP.close();
    }

    @BeforeEach
    void signIn() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
    }

    @Test
    void
            givenAClientTraceparentAndAFailingFirstChannel_whenChatting_thenOneSpanTreeWithRoutingAttemptsAndSettlementContinuesTheClientsTrace()
                    throws Exception {
        try (FakeOpenAiUpstream failing = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given
            Failover f = failover("traced", failing, healthy, 500);
            String model = f.model();
            String primary = f.primary();
            String backup = f.backup();
            String key = f.key();
            String clientTrace = randomHex(16);
            String clientSpan = randomHex(8);

            // when
            HttpResponse<String> r = chat(key, model, "00-" + clientTrace + "-" + clientSpan + "-01");

            // then: the answer names the client's trace
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Request-Id")).hasValue(clientTrace);
            List<OtlpReceiver.ReceivedSpan> trace = awaitTrace(
                    clientTrace,
                    spans -> spans.stream().anyMatch(s -> s.kind() == 2 && clientSpan.equals(s.parentSpanId())));
            OtlpReceiver.ReceivedSpan server = only(trace, s -> s.kind() == 2);
            assertThat(server.parentSpanId()).isEqualTo(clientSpan);
            OtlpReceiver.ReceivedSpan relay = only(trace, s -> s.name().equals("tollgate.relay"));
            assertThat(relay.parentSpanId()).isEqualTo(server.spanId());
            assertThat(relay.attributes())
                    .containsEntry("tollgate.model", model)
                    .containsEntry("tollgate.endpoint", "chat/completions")
                    .containsEntry("tollgate.outcome", "succeeded")
                    .containsEntry("tollgate.attempts", "2")
                    .containsKey("tollgate.request.id");
            List<OtlpReceiver.ReceivedSpan> routes = trace.stream()
                    .filter(s -> s.name().equals("tollgate.relay.route"))
                    .toList();
            assertThat(routes)
                    .hasSize(2)
                    .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(relay.spanId()));
            assertThat(routes)
                    .extracting(s -> s.attribute("tollgate.channel.id"))
                    .containsExactlyInAnyOrder(primary, backup);
            OtlpReceiver.ReceivedSpan first = only(
                    trace,
                    s -> s.name().equals("tollgate.relay.attempt") && "1".equals(s.attribute("tollgate.attempt")));
            OtlpReceiver.ReceivedSpan second = only(
                    trace,
                    s -> s.name().equals("tollgate.relay.attempt") && "2".equals(s.attribute("tollgate.attempt")));
            assertThat(first.parentSpanId()).isEqualTo(relay.spanId());
            assertThat(first.attributes())
                    .containsEntry("tollgate.channel.id", primary)
                    .containsEntry("tollgate.model", model)
                    .containsEntry("tollgate.upstream.status", "500")
                    .containsEntry("tollgate.retry_reason", "status_5xx");
            assertThat(second.parentSpanId()).isEqualTo(relay.spanId());
            assertThat(second.attributes())
                    .containsEntry("tollgate.channel.id", backup)
                    .containsEntry("tollgate.upstream.status", "200")
                    .doesNotContainKey("tollgate.retry_reason");
            OtlpReceiver.ReceivedSpan settle = only(trace, s -> s.name().equals("tollgate.relay.settle"));
            assertThat(settle.parentSpanId()).isEqualTo(relay.spanId());
            assertThat(settle.attributes())
                    .containsEntry("tollgate.charged.units", "20")
                    .containsEntry("tollgate.tokens.prompt", "12")
                    .containsEntry("tollgate.tokens.completion", "8");
            // and each upstream was called within its attempt's span of the client's trace
            assertThat(failing.received())
                    .singleElement()
                    .satisfies(req -> assertThat(req.header("traceparent"))
                            .containsExactly("00-" + clientTrace + "-" + first.spanId() + "-01"));
            assertThat(healthy.received())
                    .singleElement()
                    .satisfies(req -> assertThat(req.header("traceparent"))
                            .containsExactly("00-" + clientTrace + "-" + second.spanId() + "-01"));
            assertThat(OTLP.contentTypes()).contains("application/x-protobuf");
        }
    }

    @Test
    void givenNoTraceparent_whenCallingTheAdminApi_thenANewTraceIsStartedAndItsIdIsTheRequestIdOfAnswerAndProblem()
            throws Exception {
        // when
        AdminApi.Reply list = admin.get("/api/v1/channels");
        AdminApi.Reply missing = admin.get("/api/v1/tokens/" + UUID.randomUUID());

        // then
        String listTrace = list.raw().headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(listTrace).matches("[0-9a-f]{32}");
        OtlpReceiver.ReceivedSpan server = only(awaitTrace(listTrace, spans -> !spans.isEmpty()), s -> s.kind() == 2);
        assertThat(server.parentSpanId()).isEmpty();
        assertThat(server.attributes()).containsEntry("uri", "/api/v1/channels").containsEntry("status", "200");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("traceId").asText())
                .isEqualTo(missing.raw().headers().firstValue("X-Request-Id").orElseThrow())
                .isNotEqualTo(listTrace);
    }

    @Test
    void givenJsonLogs_whenARequestFailsOver_thenItsLogLineIsAnEcsJsonLineWithTheTraceId(CapturedOutput output)
            throws Exception {
        try (FakeOpenAiUpstream failing = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given
            Failover f = failover("logged", failing, healthy, 503);
            String primary = f.primary();

            // when
            HttpResponse<String> r = chat(f.key(), f.model(), null);

            // then
            String traceId = r.headers().firstValue("X-Request-Id").orElseThrow();
            JsonNode line = null;
            for (String text : output.getOut().split("\n")) {
                if (text.startsWith("{") && text.contains("attempt on channel " + primary + " failed")) {
                    line = JSON.readTree(text);
                }
            }
            assertThat(line).as("the failover's debug line as JSON").isNotNull();
            assertThat(line.path("log").path("level").asText()).isEqualTo("DEBUG");
            assertThat(line.path("traceId").asText()).isEqualTo(traceId);
            assertThat(line.path("spanId").asText()).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void givenRequestsWithPasswordsKeysAndChannelKeys_whenServedAndRefused_thenNoSecretAppearsInTheLog(
            CapturedOutput output) throws Exception {
        List<String> secrets = new ArrayList<>();
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given: every kind of secret a run handles
            secrets.add(ROOT_PASSWORD);
            AdminApi.Reply login = admin.call(
                    "POST", "/api/v1/auth/login", Map.of("username", "root", "password", ROOT_PASSWORD), null);
            String accessToken = login.json().get("accessToken").asText();
            secrets.add(accessToken);
            String userPassword = "user-pw-" + UUID.randomUUID();
            String wrongPassword = "wrong-pw-" + UUID.randomUUID();
            secrets.add(userPassword);
            secrets.add(wrongPassword);
            String username = model("logs-user");
            admin.post("/api/v1/users", Map.of("username", username, "password", userPassword, "role", "USER"));
            AdminApi user = new AdminApi(port).loginAs(username, userPassword);
            assertThat(admin.call(
                                    "POST",
                                    "/api/v1/auth/login",
                                    Map.of("username", username, "password", wrongPassword),
                                    null)
                            .status())
                    .isEqualTo(401);
            String pat = admin.post("/api/v1/users/me/access-tokens", Map.of("name", model("pat"), "scope", "read"))
                    .json()
                    .get("token")
                    .asText();
            secrets.add(pat);
            String rejectedChannelKey = "sk-upstream-rejected-" + UUID.randomUUID();
            String channelKey = "sk-upstream-good-" + UUID.randomUUID();
            secrets.add(rejectedChannelKey);
            secrets.add(channelKey);
            upstream.rejectAuthorization("Bearer " + rejectedChannelKey);
            String model = model("secrets");
            assertThat(admin.post(
                                    "/api/v1/channels",
                                    Map.of(
                                            "name",
                                            "keys-" + model,
                                            "type",
                                            "openai",
                                            "baseUrl",
                                            upstream.baseUrl(),
                                            "keys",
                                            List.of(rejectedChannelKey, channelKey),
                                            "models",
                                            List.of(model),
                                            "groups",
                                            List.of("default"),
                                            "priority",
                                            0,
                                            "weight",
                                            1))
                            .status())
                    .isEqualTo(201);
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "secret-key", "quota", 100_000))
                    .get("key")
                    .asText();
            String userKey = user.createToken(Map.of("name", "user-key", "quota", 1))
                    .get("key")
                    .asText();
            String unknownKey = "sk-" + randomHex(24);
            secrets.add(key);
            secrets.add(userKey);
            secrets.add(unknownKey);

            // when: served (both channel keys tried), streamed, refused for quota, refused as unknown
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(chat(key, model, null).statusCode());
            }
            statuses.add(send(
                            key,
                            "{\"model\":\"" + model + "\",\"stream\":true,"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode());
            statuses.add(chat(userKey, model, null).statusCode());
            statuses.add(chat(unknownKey, model, null).statusCode());
            statuses.add(admin.withBearer(pat).get("/actuator/prometheus").status());
            statuses.add(admin.withBearer(accessToken).get("/api/v1/channels").status());

            // then
            assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 401, 200, 200);
            assertThat(upstream.received())
                    .extracting(FakeOpenAiUpstream.Received::authorization)
                    .contains("Bearer " + rejectedChannelKey, "Bearer " + channelKey);
            String log = output.getAll();
            assertThat(log).contains("attempt on channel"); // the relay's own debug lines were captured
            for (String secret : secrets) {
                assertThat(log).as("the log must not contain a secret").doesNotContain(secret);
            }
        }
    }

    @Test
    void givenTraffic_whenScrapingPrometheus_thenEveryMetricTheDashboardAndTheAlertRulesQueryIsExported()
            throws Exception {
        try (FakeOpenAiUpstream failing = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given: served, failed over, refused, and an admin call
            Failover f = failover("metrics", failing, healthy, 500);
            assertThat(chat(f.key(), f.model(), null).statusCode()).isEqualTo(200);
            assertThat(chat("sk-" + randomHex(24), f.model(), null).statusCode())
                    .isEqualTo(401);
            Map<String, List<String>> queries = DashboardQueries.read(Path.of("..", "deploy"));

            // when
            AdminApi.Reply scrape = admin.get("/actuator/prometheus");

            // then
            assertThat(scrape.status()).isEqualTo(200);
            java.util.Set<String> exported =
                    DashboardQueries.exportedNames(scrape.raw().body());
            java.util.Set<String> used = new java.util.TreeSet<>();
            queries.values().forEach(exprs -> exprs.forEach(e -> used.addAll(DashboardQueries.metricNames(e))));
            assertThat(queries.keySet()).contains("grafana/dashboards/tollgate.json", "prometheus/alerts.yml");
            assertThat(used)
                    .contains(
                            "tollgate_relay_requests_total",
                            "tollgate_relay_ttfb_seconds_bucket",
                            "tollgate_billing_journal_pending",
                            "tollgate_events_processor_lag");
            assertThat(exported).as("metrics exported by Tollgate").containsAll(used);
        }
    }

    /** A model served by a failing channel (priority 10) and a healthy backup, priced, and a key for it. */
    private record Failover(String model, String primary, String backup, String key) {}

    private Failover failover(String prefix, FakeOpenAiUpstream failing, FakeOpenAiUpstream healthy, int failure) {
        failing.failWith(failure);
        String model = model(prefix);
        String primary = admin.createChannel("primary-" + model, failing.baseUrl(), model, 10, 1, Map.of());
        String backup = admin.createChannel("backup-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        String key = admin.createToken(Map.of("name", prefix, "quota", 100_000))
                .get("key")
                .asText();
        return new Failover(model, primary, backup, key);
    }

    private static String model(String prefix) {
        return "obs-" + prefix + "-" + MODELS.incrementAndGet();
    }

    private HttpResponse<String> chat(String key, String model, String traceparent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        if (traceparent != null) {
            b.header("traceparent", traceparent);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (up to 15 s) until the spans of a trace received so far satisfy {@code complete}. */
    private static List<OtlpReceiver.ReceivedSpan> awaitTrace(
            String traceId, Predicate<List<OtlpReceiver.ReceivedSpan>> complete) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> OTLP.trace(traceId), complete::test);
    }

    private static OtlpReceiver.ReceivedSpan only(
            List<OtlpReceiver.ReceivedSpan> spans, Predicate<OtlpReceiver.ReceivedSpan> which) {
        List<OtlpReceiver.ReceivedSpan> matching = spans.stream().filter(which).toList();
        assertThat(matching).as("spans received: %s", spans).hasSize(1);
        return matching.get(0);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HEX.formatHex(b);
    }

    private static OtlpReceiver startReceiver() {
        try {
            return new OtlpReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
