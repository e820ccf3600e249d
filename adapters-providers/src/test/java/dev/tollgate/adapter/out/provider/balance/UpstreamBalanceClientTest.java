package dev.tollgate.adapter.out.provider.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.application.channel.port.out.UpstreamBalance;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real HTTP server on loopback; a regression in a time-out must fail a test, never hang the build. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpstreamBalanceClientTest {
    private static final String KEY = "sk-balance-secret-key-480213";
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T12:00:00Z"), ZoneOffset.UTC);
    private static final Pattern USAGE_QUERY =
            Pattern.compile("start_date=(\\d{4}-\\d{2}-\\d{2})&end_date=(\\d{4}-\\d{2}-\\d{2})");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final UpstreamBalanceClient client = new UpstreamBalanceClient(http, Duration.ofSeconds(3), MARCH_10);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private HttpServer server;

    /** One request the server saw. */
    private record Received(String method, String path, String query, String authorization) {}

    /** A scripted answer. */
    private record Answer(int status, String body) {}

    @AfterEach
    void tearDown() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts a server answering {@link #answers} by path (404 for any other path). */
    private String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                record(exchange);
                Answer answer = answers.getOrDefault(
                        exchange.getRequestURI().getPath(), new Answer(404, "{\"error\":\"not found\"}"));
                respond(exchange, answer.status(), answer.body());
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts a server that takes every request and never answers (until the test ends). */
    private String startSilent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                record(exchange);
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void record(HttpExchange exchange) {
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization")));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static UpstreamTarget target(String type, String baseUrl) {
        return new UpstreamTarget("ch-7", type, baseUrl, KEY, null);
    }

    private void openAiAnswers() {
        answers.put(
                "/v1/dashboard/billing/subscription",
                new Answer(
                        200,
                        "{\"object\":\"billing_subscription\",\"has_payment_method\":true,"
                                + "\"hard_limit_usd\":120.5,\"soft_limit_usd\":100.0,\"system_hard_limit_usd\":120.5}"));
        answers.put(
                "/v1/dashboard/billing/usage",
                new Answer(200, "{\"object\":\"list\",\"daily_costs\":[],\"total_usage\":2050.25}"));
    }

    @Test
    void givenAnOpenAiChannel_whenFetching_thenTheHardLimitLessTheLast100DaysOfUsageIsTheBalance() throws Exception {
        // given
        openAiAnswers();
        String base = start();

        // when
        Optional<UpstreamBalance> balance = client.fetch(target("openai", base));

        // then: 120.5 USD less 2050.25 cents
        assertThat(balance).isPresent();
        assertThat(balance.get().available()).isEqualByComparingTo("99.9975");
        assertThat(balance.get().currency()).isEqualTo("USD");
        assertThat(balance.get().source()).isEqualTo("openai:/v1/dashboard/billing");
        assertThat(received)
                .containsExactly(
                        new Received("GET", "/v1/dashboard/billing/subscription", null, "Bearer " + KEY),
                        new Received(
                                "GET",
                                "/v1/dashboard/billing/usage",
                                "start_date=2024-11-30&end_date=2025-03-11",
                                "Bearer " + KEY));
    }

    @Test
    void givenAnOpenAiCompatibleBaseEndingInV1_whenFetching_thenV1IsNotRepeated() throws Exception {
        // given
        openAiAnswers();
        String base = start();

        // when
        Optional<UpstreamBalance> balance = client.fetch(target("openai-compatible", base + "/v1/"));

        // then
        assertThat(balance)
                .map(UpstreamBalance::available)
                .get()
                .satisfies(a -> assertThat(a).isEqualByComparingTo("99.9975"));
        assertThat(received)
                .extracting(Received::path)
                .containsExactly("/v1/dashboard/billing/subscription", "/v1/dashboard/billing/usage");
        assertThat(received).extracting(Received::authorization).containsOnly("Bearer " + KEY);
    }

    @Test
    void givenTheSystemClock_whenFetchingOpenAiUsage_thenTheWindowRunsFrom100DaysAgoToTomorrowUtc() throws Exception {
        // given
        openAiAnswers();
        String base = start();
        UpstreamBalanceClient systemClock = new UpstreamBalanceClient(http, Duration.ofSeconds(3));
        LocalDate before = LocalDate.now(ZoneOffset.UTC);

        // when
        systemClock.fetch(target("openai", base));

        // then
        LocalDate after = LocalDate.now(ZoneOffset.UTC);
        assertThat(received).hasSize(2);
        Matcher query = USAGE_QUERY.matcher(received.get(1).query());
        assertThat(query.matches()).as("query %s", received.get(1).query()).isTrue();
        LocalDate start = LocalDate.parse(query.group(1));
        LocalDate end = LocalDate.parse(query.group(2));
        assertThat(end).isBetween(before.plusDays(1), after.plusDays(1));
        assertThat(ChronoUnit.DAYS.between(start, end)).isEqualTo(101);
    }

    @Test
    void givenADeepSeekChannelWithAndWithoutV1_whenFetching_thenTheFirstBalanceInfoIsTheBalance() throws Exception {
        // given
        answers.put(
                "/user/balance",
                new Answer(
                        200,
                        "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\","
                                + "\"total_balance\":\"110.00\",\"granted_balance\":\"10.00\",\"topped_up_balance\":\"100.00\"},"
                                + "{\"currency\":\"USD\",\"total_balance\":\"3.00\",\"granted_balance\":\"0.00\","
                                + "\"topped_up_balance\":\"3.00\"}]}"));
        String base = start();

        // when
        UpstreamBalance plain = client.fetch(target("deepseek", base)).orElseThrow();
        UpstreamBalance withV1 = client.fetch(target("deepseek", base + "/v1")).orElseThrow();

        // then
        for (UpstreamBalance balance : List.of(plain, withV1)) {
            assertThat(balance.currency()).isEqualTo("CNY");
            assertThat(balance.available()).isEqualByComparingTo("110.00");
            assertThat(balance.source()).isEqualTo("deepseek:/user/balance");
        }
        assertThat(received)
                .containsExactly(
                        new Received("GET", "/user/balance", null, "Bearer " + KEY),
                        new Received("GET", "/user/balance", null, "Bearer " + KEY));
    }

    @Test
    void givenASiliconFlowChannelWithAndWithoutV1_whenFetching_thenTheTotalBalanceInCnyIsTheBalance() throws Exception {
        // given
        answers.put(
                "/v1/user/info",
                new Answer(
                        200,
                        "{\"code\":20000,\"message\":\"OK\",\"status\":true,\"data\":"
                                + "{\"id\":\"u1\",\"name\":\"n\",\"balance\":\"0.88\",\"chargeBalance\":\"88.00\","
                                + "\"totalBalance\":\"88.88\"}}"));
        String base = start();

        // when
        UpstreamBalance withV1 =
                client.fetch(target("siliconflow", base + "/v1")).orElseThrow();
        UpstreamBalance plain = client.fetch(target("siliconflow", base + "/")).orElseThrow();

        // then
        for (UpstreamBalance balance : List.of(withV1, plain)) {
            assertThat(balance.currency()).isEqualTo("CNY");
            assertThat(balance.available()).isEqualByComparingTo("88.88");
            assertThat(balance.source()).isEqualTo("siliconflow:/v1/user/info");
        }
        assertThat(received)
                .containsExactly(
                        new Received("GET", "/v1/user/info", null, "Bearer " + KEY),
                        new Received("GET", "/v1/user/info", null, "Bearer " + KEY));
    }

    @Test
    void givenAnOpenRouterChannel_whenFetching_thenCreditsLessUsageIsTheBalanceForEveryBaseForm() throws Exception {
        // given
        answers.put("/api/v1/credits", new Answer(200, "{\"data\":{\"total_credits\":50.0,\"total_usage\":42.5}}"));
        String base = start();

        // when
        List<UpstreamBalance> balances = List.of(
                client.fetch(target("openrouter", base + "/api/v1")).orElseThrow(),
                client.fetch(target("openrouter", base + "/api")).orElseThrow(),
                client.fetch(target("openrouter", base + "/v1")).orElseThrow(),
                client.fetch(target("openrouter", base)).orElseThrow());

        // then
        for (UpstreamBalance balance : balances) {
            assertThat(balance.currency()).isEqualTo("USD");
            assertThat(balance.available()).isEqualByComparingTo("7.5");
            assertThat(balance.source()).isEqualTo("openrouter:/api/v1/credits");
        }
        assertThat(received).hasSize(4).containsOnly(new Received("GET", "/api/v1/credits", null, "Bearer " + KEY));
    }

    @Test
    void givenAmountsThatDoublesCannotHold_whenFetching_thenTheDifferenceIsExact() throws Exception {
        // given: 0.3 - 0.1 is 0.19999999999999998 in double arithmetic
        answers.put("/api/v1/credits", new Answer(200, "{\"data\":{\"total_credits\":0.3,\"total_usage\":0.1}}"));
        answers.put(
                "/user/balance",
                new Answer(
                        200,
                        "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"USD\","
                                + "\"total_balance\":\"12345678901234567.01\"}]}"));
        String base = start();

        // when
        UpstreamBalance openRouter = client.fetch(target("openrouter", base)).orElseThrow();
        UpstreamBalance deepSeek = client.fetch(target("deepseek", base)).orElseThrow();

        // then
        assertThat(openRouter.available()).isEqualTo(new BigDecimal("0.2"));
        assertThat(deepSeek.available()).isEqualTo(new BigDecimal("12345678901234567.01"));
        assertThat(deepSeek.currency()).isEqualTo("USD");
    }

    @Test
    void givenA401_whenFetching_thenTheFailureIsBrokenAndNeverNamesTheKey() throws Exception {
        // given: the upstream echoes the key in its error body
        answers.put(
                "/user/balance",
                new Answer(
                        401,
                        "{\"error\":{\"message\":\"Authentication Fails, Your api key: " + KEY + " is invalid\"}}"));
        String base = start();

        // when / then
        assertThatThrownBy(() -> client.fetch(target("deepseek", base)))
                .isInstanceOf(UpstreamException.class)
                .satisfies(e -> {
                    assertThat(((UpstreamException) e).kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage())
                            .contains("deepseek balance endpoint answered 401")
                            .doesNotContain(KEY);
                    assertThat(e.getCause()).isNull();
                });
        assertThat(received).hasSize(1);
    }

    @Test
    void givenAFailedSubscriptionCall_whenFetchingOpenAi_thenUsageIsNotAsked() throws Exception {
        // given
        answers.put("/v1/dashboard/billing/subscription", new Answer(403, "{\"error\":\"forbidden\"}"));
        String base = start();

        // when / then
        assertThatThrownBy(() -> client.fetch(target("openai", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).contains("answered 403").doesNotContain(KEY);
                });
        assertThat(received).extracting(Received::path).containsExactly("/v1/dashboard/billing/subscription");
    }

    @Test
    void givenMalformedJson_whenFetching_thenTheFailureIsBroken() throws Exception {
        // given
        answers.put("/v1/user/info", new Answer(200, "{\"code\":20000,\"data\":{\"totalBalance\":"));
        String base = start();

        // when / then
        assertThatThrownBy(() -> client.fetch(target("siliconflow", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }

    @Test
    void givenMissingOrNonNumericFields_whenFetching_thenTheFailureIsBroken() throws Exception {
        // given
        answers.put("/v1/user/info", new Answer(200, "{\"code\":40001,\"message\":\"Invalid token\",\"data\":null}"));
        answers.put("/user/balance", new Answer(200, "{\"is_available\":true,\"balance_infos\":[]}"));
        answers.put("/api/v1/credits", new Answer(200, "{\"data\":{\"total_credits\":\"lots\",\"total_usage\":1}}"));
        answers.put("/v1/dashboard/billing/subscription", new Answer(200, "[1,2,3]"));
        String base = start();

        // when / then
        for (String type : List.of("siliconflow", "deepseek", "openrouter", "openai")) {
            assertThatThrownBy(() -> client.fetch(target(type, base)))
                    .as(type)
                    .isInstanceOfSatisfying(
                            UpstreamException.class,
                            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN));
        }
    }

    @Test
    void givenAnAnswerLargerThan1MiB_whenFetching_thenTheFailureIsBroken() throws Exception {
        // given: a valid JSON object with more than 1 MiB of padding
        answers.put(
                "/user/balance",
                new Answer(
                        200,
                        "{\"pad\":\"" + "x".repeat(1 << 20) + "\",\"balance_infos\":"
                                + "[{\"currency\":\"CNY\",\"total_balance\":\"1.00\"}]}"));
        String base = start();

        // when / then
        assertThatThrownBy(() -> client.fetch(target("deepseek", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).contains("more than");
                });
    }

    @Test
    void givenAClosedPort_whenFetching_thenTheFailureIsConnect() throws Exception {
        // given
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        // when / then
        assertThatThrownBy(() -> client.fetch(target("deepseek", "http://127.0.0.1:" + port)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }

    @Test
    void givenATypeWithoutABalanceEndpoint_whenFetching_thenEmptyAndNothingIsSent() throws Exception {
        // given
        answers.put("/openai/dashboard/billing/subscription", new Answer(200, "{\"hard_limit_usd\":1}"));
        String base = start();

        // when
        Optional<UpstreamBalance> azure = client.fetch(target("azure", base));
        Optional<UpstreamBalance> ollama = client.fetch(target("ollama", base + "/v1"));
        Optional<UpstreamBalance> none = client.fetch(target(null, base));

        // then
        assertThat(azure).isEmpty();
        assertThat(ollama).isEmpty();
        assertThat(none).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void givenAServerThatNeverAnswers_whenFetching_thenTheFailureIsATimeoutWithinTheConfiguredTime() throws Exception {
        // given
        String base = startSilent();
        UpstreamBalanceClient impatient = new UpstreamBalanceClient(http, Duration.ofMillis(300), MARCH_10);
        long started = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> impatient.fetch(target("openrouter", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(elapsedMillis).isBetween(250L, 3_000L);
        assertThat(received).extracting(Received::path).containsExactly("/api/v1/credits");
    }

    @Test
    void givenABaseUrlThatIsNotHttp_whenFetching_thenTheFailureIsBrokenWithoutTheUrl() {
        assertThatThrownBy(() -> client.fetch(target("deepseek", "ftp://user:pw@example.com")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).doesNotContain("pw");
                });
    }

    @Test
    void givenBaseUrls_whenTakingTheRoot_thenTrailingSlashesAndV1AreStripped() {
        assertThat(UpstreamBalanceClient.root("https://api.openai.com")).isEqualTo("https://api.openai.com");
        assertThat(UpstreamBalanceClient.root("https://api.deepseek.com/")).isEqualTo("https://api.deepseek.com");
        assertThat(UpstreamBalanceClient.root("https://api.siliconflow.cn/v1")).isEqualTo("https://api.siliconflow.cn");
        assertThat(UpstreamBalanceClient.root("https://api.siliconflow.cn/v1/"))
                .isEqualTo("https://api.siliconflow.cn");
        assertThat(UpstreamBalanceClient.root("https://openrouter.ai/api/v1")).isEqualTo("https://openrouter.ai/api");
    }
}
