package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.in.web.relay.InFlightLimit;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.relay.port.in.RealtimeUseCase;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /v1/realtime} end to end: a real WebSocket client (the JDK's) through Tollgate to a fake realtime
 * upstream (a real local WebSocket server speaking OpenAI's event protocol), on a real PostgreSQL. Each response is
 * billed exactly (text and audio, input, cached input and output, by the ledger's figures); refusals come before the
 * upgrade as OpenAI error JSON; the session limits hold; and every way a session ends settles or releases its holds.
 *
 * <p>Prices used: text 1 unit per input token, 0.1 per cached input token, 2 per output token; audio 4, 0.4 and 8.
 * The fake's usage — text 100 in (20 cached), audio 50 in (10 cached), 30 text and 40 audio out — costs
 * 80 + 2 + 60 = 142 (text) + 160 + 4 + 320 = 484 (audio) = 626 units.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeEndToEndTest {
    static final String ROOT_PASSWORD = "rt-" + java.util.UUID.randomUUID();
    static final Path DATA_DIR = TestDatabase.newDataDir();
    static final FakeRealtimeUpstream UPSTREAM = start();
    static final long EXACT_COST = 626;
    private static final AtomicInteger MODELS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    RealtimeUseCase realtime;

    @Autowired
    BillingJournal journal;

    @Autowired
    InFlightLimit inFlight;

    @Autowired
    TokenCounterPort tokenCounter;

    AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        registry.add("tollgate.realtime.max-sessions-per-key", () -> "2");
        registry.add("tollgate.realtime.max-sessions-per-organization", () -> "3");
        registry.add("tollgate.realtime.idle-timeout", () -> "2s");
        registry.add("tollgate.realtime.max-session-duration", () -> "6s");
        registry.add("tollgate.realtime.max-message-bytes", () -> "65536");
        registry.add("tollgate.realtime.input-tokens-per-response", () -> "2000");
        registry.add("tollgate.realtime.output-tokens-per-response", () -> "1000");
    }

    @BeforeEach
    void signInWithNoSessionOpen() throws InterruptedException {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
        UPSTREAM.refuseWith(0);
        UPSTREAM.ending(FakeRealtimeUpstream.Ending.DONE);
        awaitValue(() -> realtime.openSessions(), 0);
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

    /** A realtime model on the fake upstream, priced for text and audio. */
    private String realtimeModel(String name) {
        String model = name + "-" + MODELS.incrementAndGet();
        admin.createChannel("rt-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        priced(model);
        return model;
    }

    private void priced(String model) {
        assertThat(admin.put(
                                "/api/v1/prices/" + model,
                                Map.of("input", 1_000_000, "output", 2_000_000, "cachedInput", 100_000))
                        .status())
                .isEqualTo(200);
        assertThat(admin.put(
                                "/api/v1/prices/" + model + ":audio",
                                Map.of("input", 4_000_000, "output", 8_000_000, "cachedInput", 400_000))
                        .status())
                .isEqualTo(200);
    }

    private JsonNode key(long quota) {
        return admin.createToken(Map.of("name", "rt-" + MODELS.incrementAndGet(), "quota", quota));
    }

    private long used(JsonNode key) {
        return admin.get("/api/v1/tokens/" + key.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    private RealtimeTestClient connect(String model, JsonNode key) throws Exception {
        return RealtimeTestClient.connect(
                port,
                model,
                List.of(),
                "Authorization",
                "Bearer " + key.get("key").asText());
    }

    private static void awaitValue(LongSupplier value, long expected) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(value.getAsLong()).isEqualTo(expected));
    }

    @Test
    void givenAKeyInTheAuthorizationHeader_whenAResponseIsDone_thenItsTextAndAudioTokensAreChargedExactly()
            throws Exception {
        // given
        String model = realtimeModel("rt-bill");
        JsonNode key = key(500_000);
        RealtimeTestClient client = connect(model, key);
        client.next("session.created");
        int handshakes = UPSTREAM.handshakes().size();

        // when
        client.send("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\",\"audio\"]}}");
        String done = client.next("response.done");

        // then: the upstream got the channel's key, the model, and an output limit the hold covers
        FakeRealtimeUpstream.Handshake handshake = UPSTREAM.handshakes().get(handshakes - 1);
        assertThat(handshake.target()).isEqualTo("/v1/realtime?model=" + model);
        assertThat(handshake.headers().get("authorization")).isEqualTo("Bearer sk-upstream-rt-" + model);
        assertThat(handshake.headers().toString()).doesNotContain(key.get("key").asText());
        JsonNode forwarded = UPSTREAM.clientEvents("response.create").getLast();
        assertThat(forwarded.path("response").path("max_output_tokens").asLong())
                .isEqualTo(1000);
        assertThat(forwarded.path("response").path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
        assertThat(JSON.readTree(done)
                        .path("response")
                        .path("usage")
                        .path("output_tokens")
                        .asLong())
                .isEqualTo(70);
        assertThat(used(key)).isEqualTo(EXACT_COST);
        // one usage record per priced part, with the upstream's counts
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        JsonNode usage =
                admin.get("/api/v1/usage?tokenId=" + key.get("id").asText()).json();
        assertThat(usage.toString())
                .contains(
                        "\"model\":\"" + model + "\"",
                        "\"model\":\"" + model + ":audio\"",
                        "\"cachedPromptTokens\":20",
                        "\"cachedPromptTokens\":10");
        client.socket.sendClose(1000, "bye").get();
        awaitValue(() -> realtime.openSessions(), 0);
        assertThat(used(key)).isEqualTo(EXACT_COST);
    }

    @Test
    void givenAnOpenRealtimeSession_whenTheClientClosesIt_thenItHeldOnePlaceInFlightUntilThen() throws Exception {
        // given
        String model = realtimeModel("rt-in-flight");
        JsonNode key = key(500_000);
        int before = inFlight.inFlight();

        // when
        RealtimeTestClient client = connect(model, key);
        client.next("session.created");
        int during = inFlight.inFlight();
        client.socket.sendClose(1000, "bye").get();

        // then
        assertThat(during).isEqualTo(before + 1);
        awaitValue(() -> inFlight.inFlight(), before);
    }

    @Test
    void givenAModelPriceWithAudioFields_whenAResponseIsDone_thenItsAudioTokensArePricedByThemWithoutAnAudioEntry()
            throws Exception {
        // given: no "<model>:audio" entry; the model's own price has audio input 4 and output 8 per token
        String model = "rt-audio-fields-" + MODELS.incrementAndGet();
        admin.createChannel("rt-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        assertThat(admin.put(
                                "/api/v1/prices/" + model,
                                Map.of(
                                        "input", 1_000_000,
                                        "output", 2_000_000,
                                        "cachedInput", 100_000,
                                        "audioInput", 4_000_000,
                                        "audioOutput", 8_000_000))
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/prices/" + model + ":audio").status()).isEqualTo(404);
        JsonNode key = key(500_000);
        RealtimeTestClient client = connect(model, key);
        client.next("session.created");

        // when
        client.send("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\",\"audio\"]}}");
        client.next("response.done");

        // then: text 142 as above; audio 50 in × 4 (cached audio at the audio input price) + 40 out × 8 = 520
        assertThat(used(key)).isEqualTo(142 + 520);
        client.socket.sendClose(1000, "bye").get();
        awaitValue(() -> realtime.openSessions(), 0);
    }

    @Test
    void givenTheKeyInTheBrowserSubprotocol_whenConnecting_thenTheRealtimeSubprotocolIsAnsweredAndTheBetaHeaderSent()
            throws Exception {
        // given
        String model = realtimeModel("rt-proto");
        JsonNode key = key(500_000);

        // when
        RealtimeTestClient client = RealtimeTestClient.connect(
                port,
                model,
                List.of("realtime", "openai-insecure-api-key." + key.get("key").asText(), "openai-beta.realtime-v1"));
        client.next("session.created");

        // then
        assertThat(client.socket.getSubprotocol()).isEqualTo("realtime");
        FakeRealtimeUpstream.Handshake handshake = UPSTREAM.handshakes().getLast();
        assertThat(handshake.headers().get("openai-beta")).isEqualTo("realtime=v1");
        assertThat(handshake.headers().get("authorization")).isEqualTo("Bearer sk-upstream-rt-" + model);
        assertThat(handshake.headers().getOrDefault("sec-websocket-protocol", ""))
                .doesNotContain("sk-");
        client.socket.sendClose(1000, "bye").get();
    }

    @Test
    void givenRefusedCalls_whenConnecting_thenOpenAiErrorJsonIsAnsweredAndNothingIsUpgraded() throws Exception {
        // given
        String model = realtimeModel("rt-refuse");
        String unpriced = "rt-unpriced-" + MODELS.incrementAndGet();
        admin.createChannel("rt-" + unpriced, UPSTREAM.baseUrl(), unpriced, 0, 1, Map.of());
        admin.setPrice(unpriced, 1_000_000, 1_000_000); // text priced, audio not
        String key = key(500_000).get("key").asText();
        String limited = admin.createToken(Map.of("name", "rt-limited", "quota", 1000, "models", List.of("other")))
                .get("key")
                .asText();
        int handshakes = UPSTREAM.handshakes().size();

        // when
        String noKey = handshake("/v1/realtime?model=" + model, null);
        String badKey = handshake("/v1/realtime?model=" + model, "sk-not-a-key");
        String notAllowed = handshake("/v1/realtime?model=" + model, limited);
        String unknown = handshake("/v1/realtime?model=no-such-model", key);
        String noAudioPrice = handshake("/v1/realtime?model=" + unpriced, key);

        // then
        assertThat(noKey).startsWith("HTTP/1.1 401").contains("\"code\":\"invalid_api_key\"");
        assertThat(badKey).startsWith("HTTP/1.1 401").contains("\"code\":\"invalid_api_key\"");
        assertThat(notAllowed).startsWith("HTTP/1.1 403").contains("\"code\":\"model_not_allowed\"");
        assertThat(unknown).startsWith("HTTP/1.1 404").contains("\"code\":\"model_not_found\"");
        assertThat(noAudioPrice)
                .startsWith("HTTP/1.1 400")
                .contains("\"code\":\"model_price_not_set\"", unpriced + ":audio");
        for (String answer : List.of(noKey, badKey, notAllowed, unknown, noAudioPrice)) {
            assertThat(answer).doesNotContainIgnoringCase("upgrade: websocket").contains("\"error\":{");
        }
        assertThat(UPSTREAM.handshakes()).hasSize(handshakes);
    }

    @Test
    void givenAKeyThatCannotPayForAResponse_whenItAsksForOne_thenAnErrorEventClosesTheSessionAndNothingIsSent()
            throws Exception {
        // given: 100 units, the hold of one response is 4,000 (text) + 16,000 (audio)
        String model = realtimeModel("rt-poor");
        JsonNode key = key(100);
        RealtimeTestClient client = connect(model, key);
        client.next("session.created");
        int creates = UPSTREAM.clientEvents("response.create").size();

        // when
        client.send("{\"type\":\"response.create\"}");

        // then
        JsonNode error = JSON.readTree(client.next("error"));
        assertThat(error.path("error").path("code").asText()).isEqualTo("insufficient_quota");
        assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        RealtimeTestClient.Closed closed = client.awaitClosed();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).isEqualTo("insufficient_quota");
        assertThat(UPSTREAM.clientEvents("response.create")).hasSize(creates);
        assertThat(used(key)).isZero();
        awaitValue(() -> realtime.openSessions(), 0);
    }

    @Test
    void givenAKeyThatAffordsASmallerResponse_whenItAsksForOne_thenTheOutputLimitSentIsWhatItCanPayFor()
            throws Exception {
        // given: 2,000 input tokens held at 1 + 4 units = 10,000; 5,000 more leave 5,000 / (2 + 8) = 500 output
        String model = realtimeModel("rt-lower");
        JsonNode key = key(15_000);
        RealtimeTestClient client = connect(model, key);
        client.next("session.created");

        // when
        client.send("{\"type\":\"response.create\",\"response\":{\"max_output_tokens\":\"inf\"}}");
        client.next("response.done");

        // then
        assertThat(UPSTREAM.clientEvents("response.create")
                        .getLast()
                        .path("response")
                        .path("max_output_tokens")
                        .asLong())
                .isBetween(1L, 1000L);
        assertThat(used(key)).isEqualTo(EXACT_COST);
        client.socket.sendClose(1000, "bye").get();
    }

    @Test
    void givenTheKeysAndTheOrganisationsSessionLimits_whenOneMoreSessionConnects_thenItIsRefusedWith429()
            throws Exception {
        // given: 2 sessions per key, 3 per organisation
        String model = realtimeModel("rt-limit");
        JsonNode first = key(500_000);
        JsonNode second = key(500_000);
        RealtimeTestClient a1 = connect(model, first);
        RealtimeTestClient a2 = connect(model, first);
        RealtimeTestClient b1 = connect(model, second);

        // when
        String keyOver =
                handshake("/v1/realtime?model=" + model, first.get("key").asText());
        String organisationOver =
                handshake("/v1/realtime?model=" + model, second.get("key").asText());
        a1.socket.sendClose(1000, "done").get();
        awaitValue(() -> realtime.openSessions(), 2);
        RealtimeTestClient again = connect(model, first);

        // then
        assertThat(keyOver).startsWith("HTTP/1.1 429").contains("\"code\":\"too_many_sessions\"", "this key");
        assertThat(organisationOver)
                .startsWith("HTTP/1.1 429")
                .contains("\"code\":\"too_many_sessions\"", "organisation");
        assertThat(again.next("session.created")).contains("sess_1");
        for (RealtimeTestClient c : List.of(a2, b1, again)) {
            c.socket.sendClose(1000, "done").get();
        }
    }

    @Test
    void givenAMessageOverTheLimit_whenTheClientSendsIt_thenTheSessionEndsWithMessageTooLarge() throws Exception {
        // given
        String model = realtimeModel("rt-big");
        RealtimeTestClient client = connect(model, key(500_000));
        client.next("session.created");

        // when: 70,000 characters, the limit is 65,536
        client.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + "A".repeat(70_000) + "\"}");

        // then
        assertThat(JSON.readTree(client.next("error"))
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("message_too_large");
        assertThat(client.awaitClosed().code()).isEqualTo(1009);
        assertThat(UPSTREAM.clientEvents("input_audio_buffer.append").stream()
                        .noneMatch(e -> e.path("audio").asText().length() >= 70_000))
                .isTrue();
    }

    @Test
    void givenAnAnsweredResponseAndAnotherInProgress_whenTheSessionIsIdle_thenItEndsAndTheOpenHoldIsReleased()
            throws Exception {
        // given: one response done, a second created but never finished
        String model = realtimeModel("rt-idle");
        JsonNode key = key(500_000);
        RealtimeTestClient client = connect(model, key);
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");
        UPSTREAM.ending(FakeRealtimeUpstream.Ending.SILENT);
        client.send("{\"type\":\"response.create\"}");
        client.next("response.created");

        // when: 2 s without an event
        JsonNode error = JSON.readTree(client.next("error"));

        // then: the first is paid, the second (nothing delivered) released
        assertThat(error.path("error").path("code").asText()).isEqualTo("session_idle_timeout");
        assertThat(client.awaitClosed().code()).isEqualTo(1001);
        awaitValue(() -> realtime.openSessions(), 0);
        assertThat(used(key)).isEqualTo(EXACT_COST);
        assertThat(admin.get("/api/v1/tokens/" + key.get("id").asText())
                        .json()
                        .get("remainingQuota")
                        .asLong())
                .isEqualTo(500_000 - EXACT_COST);
    }

    @Test
    void givenAnActiveSession_whenItReachesItsMaximumDuration_thenItEndsWithSessionExpired() throws Exception {
        // given
        String model = realtimeModel("rt-expire");
        RealtimeTestClient client = connect(model, key(500_000));
        client.next("session.created");

        // when: an event every 500 ms keeps it from idling; the maximum is 6 s
        long started = System.nanoTime();
        while (!client.closed.isDone()
                && System.nanoTime() - started < Duration.ofSeconds(12).toNanos()) {
            client.socket.sendText("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}", true);
            Thread.sleep(500);
        }

        // then
        assertThat(client.messages.stream().anyMatch(m -> m.contains("\"code\":\"session_expired\"")))
                .isTrue();
        assertThat(client.awaitClosed().code()).isEqualTo(1001);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(10));
    }

    @Test
    void givenAResponseInProgress_whenTheClientCloses_thenTheHoldIsReleasedAndTheUpstreamSessionClosed()
            throws Exception {
        // given
        String model = realtimeModel("rt-client-close");
        JsonNode key = key(500_000);
        UPSTREAM.ending(FakeRealtimeUpstream.Ending.SILENT);
        RealtimeTestClient client = connect(model, key);
        client.send("{\"type\":\"response.create\"}");
        client.next("response.created");
        int closes = UPSTREAM.closesReceived();

        // when
        client.socket.sendClose(1000, "bye").get();

        // then
        awaitValue(() -> realtime.openSessions(), 0);
        awaitValue(UPSTREAM::closesReceived, closes + 1);
        assertThat(used(key)).isZero();
        assertThat(admin.get("/api/v1/tokens/" + key.get("id").asText())
                        .json()
                        .get("remainingQuota")
                        .asLong())
                .isEqualTo(500_000);
    }

    @Test
    void givenTheUpstreamConnectionIsCutMidResponse_whenItBreaks_thenTheDeliveredOutputIsPaidAndTheClientTold()
            throws Exception {
        // given
        String model = realtimeModel("rt-cut");
        JsonNode key = key(500_000);
        UPSTREAM.ending(FakeRealtimeUpstream.Ending.CUT_AFTER_DELTAS);
        RealtimeTestClient client = connect(model, key);

        // when
        client.send("{\"type\":\"response.create\"}");
        client.next("response.audio.delta");

        // then: the delivered text counted (2 units a token), the delivered audio measured (4,800 bytes at 2,400 a
        // token = 2 tokens, 8 units each)
        assertThat(JSON.readTree(client.next("error"))
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("upstream_error");
        assertThat(client.awaitClosed().code()).isEqualTo(1011);
        long textTokens = tokenCounter.countTokens(model, FakeRealtimeUpstream.TEXT_DELTA);
        awaitValue(() -> realtime.openSessions(), 0);
        assertThat(used(key)).isEqualTo(textTokens * 2 + 2 * 8);
    }

    @Test
    void givenTheUpstreamClosesAfterAResponse_whenItCloses_thenTheClientIsClosedAndTheResponsePaid() throws Exception {
        // given
        String model = realtimeModel("rt-upstream-close");
        JsonNode key = key(500_000);
        UPSTREAM.ending(FakeRealtimeUpstream.Ending.CLOSE_AFTER_DONE);
        RealtimeTestClient client = connect(model, key);

        // when
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");

        // then
        RealtimeTestClient.Closed closed = client.awaitClosed();
        assertThat(closed.code()).isEqualTo(1000);
        assertThat(closed.reason()).isEqualTo("bye");
        awaitValue(() -> realtime.openSessions(), 0);
        assertThat(used(key)).isEqualTo(EXACT_COST);
    }

    @Test
    void givenServerVoiceDetection_whenTheUpstreamCreatesAResponseByItself_thenItIsAdmittedAndCharged()
            throws Exception {
        // given
        String model = realtimeModel("rt-vad");
        JsonNode key = key(500_000);
        RealtimeTestClient client = connect(model, key);

        // when: committed input, the upstream answers on its own
        client.send("{\"type\":\"input_audio_buffer.commit\"}");
        client.next("response.done");

        // then
        assertThat(used(key)).isEqualTo(EXACT_COST);
        client.socket.sendClose(1000, "bye").get();
    }

    @Test
    void givenAChannelThatRefusesTheSession_whenConnecting_thenTheNextChannelServesIt() throws Exception {
        // given: a better channel whose upstream refuses (503), and this one
        String model = realtimeModel("rt-failover");
        try (FakeRealtimeUpstream refusing = new FakeRealtimeUpstream()) {
            refusing.refuseWith(503);
            admin.createChannel("rt-first-" + model, refusing.baseUrl(), model, 10, 1, Map.of());

            // when
            RealtimeTestClient client = connect(model, key(500_000));

            // then
            assertThat(client.next("session.created")).contains("sess_1");
            assertThat(refusing.handshakes()).hasSize(1);
            client.socket.sendClose(1000, "bye").get();
        }
    }

    @Test
    void givenAnAzureChannel_whenConnecting_thenItsRealtimeDeploymentIsCalledWithItsKey() throws Exception {
        // given
        String model = "rt-azure-" + MODELS.incrementAndGet();
        AdminApi.Reply created = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "azure-" + model,
                        "type",
                        "azure",
                        "baseUrl",
                        UPSTREAM.baseUrl(),
                        "keys",
                        List.of("azure-key-5550001"),
                        "models",
                        List.of(model),
                        "modelMapping",
                        Map.of(model, "rt-deployment"),
                        "options",
                        Map.of("realtimeApiVersion", "2025-04-01-preview")));
        assertThat(created.status()).isEqualTo(201);
        priced(model);
        JsonNode key = key(500_000);

        // when
        RealtimeTestClient client = connect(model, key);
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");

        // then
        FakeRealtimeUpstream.Handshake handshake = UPSTREAM.handshakes().getLast();
        assertThat(handshake.target())
                .isEqualTo("/openai/realtime?api-version=2025-04-01-preview&deployment=rt-deployment");
        assertThat(handshake.headers().get("api-key")).isEqualTo("azure-key-5550001");
        assertThat(handshake.headers()).doesNotContainKey("authorization");
        assertThat(used(key)).isEqualTo(EXACT_COST);
        client.socket.sendClose(1000, "bye").get();
    }

    /** A WebSocket handshake written by hand: the whole answer (head and body) as text. */
    private String handshake(String target, String key) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (answer.indexOf("\r\n\r\n") > 0 && answer.toString().endsWith("}")) {
                    break;
                }
            }
            return answer.toString();
        }
    }
}
