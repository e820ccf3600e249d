package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code background: true} with {@code stream: true}: the Responses events arrive while the background response runs,
 * each with its {@code sequence_number}; the client may leave and the response goes on (and is billed once); a client
 * resumes with {@code GET /v1/responses/{id}?stream=true&starting_after=n} (the SDK's {@code retrieveStreaming}) and
 * gets the events after {@code n}, then the live ones until the end. Another key is told the response does not exist.
 */
class ResponsesBackgroundStreamEndToEndTest extends ResponsesTestBase {

    /** Released when a test lets the stalled upstream stream go on. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheStall() {
        release.countDown();
    }

    /** Claude's stream of "Hello from fake", stalled after "Hello" until {@link #release} (or its whole answer). */
    @Override
    void handle(HttpExchange exchange) throws IOException {
        if (!JSON.readTree(exchange.getRequestBody().readAllBytes())
                .path("stream")
                .asBoolean()) {
            json(exchange, ResponsesStoreEndToEndTest.ANTHROPIC_MESSAGE);
            return;
        }
        OutputStream out = sse(exchange, ResponsesStoreEndToEndTest.ANTHROPIC_HEAD);
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String e : ResponsesStoreEndToEndTest.ANTHROPIC_TAIL) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private String channel() {
        String model = uniqueModel("responses-background-stream");
        channel("anthropic", model);
        return model;
    }

    private HttpResponse<InputStream> call(String method, String path, JsonNode token, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + path))
                                .header(
                                        "Authorization",
                                        "Bearer " + token.get("key").asText())
                                .header("Content-Type", "application/json")
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads SSE events (their data) until one matches {@code last} or the stream ends. */
    private static List<JsonNode> events(InputStream in, Predicate<JsonNode> last) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
                JsonNode event = JSON.readTree(line.substring(6));
                events.add(event);
                if (last.test(event)) {
                    break;
                }
            }
        }
        return events;
    }

    private static Predicate<JsonNode> type(String type) {
        return e -> type.equals(e.path("type").asText());
    }

    private static void assertNumberedFrom(List<JsonNode> events, long first) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asLong()).isEqualTo(first + i);
        }
    }

    private String start(String model, JsonNode token, List<JsonNode> seen) throws Exception {
        HttpResponse<InputStream> started = call(
                "POST",
                "/responses",
                token,
                "{\"model\":\"" + model + "\",\"input\":\"Say hello\",\"background\":true,\"stream\":true}");
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (InputStream in = started.body()) {
            seen.addAll(events(in, type("response.output_text.delta")));
        } // the client leaves while the upstream is stalled
        return seen.getFirst().path("response").path("id").asText();
    }

    @Test
    void givenABackgroundStream_whenTheClientLeavesMidway_thenTheResponseGoesOnToTheEndAndIsBilledOnce()
            throws Exception {
        // given
        String model = channel();
        JsonNode token = token("background-stream-leave");
        List<JsonNode> seen = new ArrayList<>();

        // when
        String id = start(model, token, seen);
        release.countDown();

        // then
        assertThat(seen.getFirst().path("type").asText()).isEqualTo("response.created");
        assertThat(seen.getFirst().path("response").path("background").asBoolean())
                .isTrue();
        assertThat(id).startsWith("resp_");
        assertThat(seen.getLast().path("delta").asText()).isEqualTo("Hello");
        assertNumberedFrom(seen, 0);
        OpenAIClient client = client(token);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.responses().retrieve(id).status().orElseThrow(), ResponseStatus.COMPLETED::equals);
        assertThat(client.responses()
                        .retrieve(id)
                        .output()
                        .getFirst()
                        .asMessage()
                        .content()
                        .getFirst()
                        .asOutputText()
                        .text())
                .isEqualTo("Hello from fake");
        await().atMost(Duration.ofSeconds(10)).until(() -> used(token) == 28);
    }

    @Test
    void givenABackgroundStreamThatWasLeft_whenResumedAfterASequenceNumber_thenTheLaterEventsAndTheLiveOnesFollow()
            throws Exception {
        // given: the client saw the first events, then left; the upstream is still stalled
        String model = channel();
        JsonNode token = token("background-stream-resume");
        List<JsonNode> seen = new ArrayList<>();
        String id = start(model, token, seen);
        long lastSeen = seen.getLast().path("sequence_number").asLong();

        // when: a client resumes after the last event it saw while the response still runs; then it runs on
        HttpResponse<InputStream> live =
                call("GET", "/responses/" + id + "?stream=true&starting_after=" + lastSeen, token, null);
        release.countDown();
        List<JsonNode> followed = events(live.body(), type("response.completed"));

        // then: the rest of the text, then the end, and nothing the client had already seen
        assertThat(live.statusCode()).isEqualTo(200);
        assertNumberedFrom(followed, lastSeen + 1);
        StringBuilder liveText = new StringBuilder();
        followed.stream()
                .filter(type("response.output_text.delta"))
                .forEach(e -> liveText.append(e.path("delta").asText()));
        assertThat(liveText.toString()).isEqualTo(" from fake");
        assertThat(followed.getLast().path("type").asText()).isEqualTo("response.completed");
        assertThat(followed.getLast().at("/response/id").asText()).isEqualTo(id);
        // and after the end, the SDK replays from a sequence number on
        List<ResponseStreamEvent> replayed = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> stream = client(token)
                .responses()
                .retrieveStreaming(
                        id, ResponseRetrieveParams.builder().startingAfter(1).build())) {
            stream.stream().forEach(e -> {
                replayed.add(e);
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
            });
        }
        assertThat(text.toString()).isEqualTo("Hello from fake");
        assertThat(replayed.getFirst().isCreated() || replayed.getFirst().isInProgress())
                .isFalse();
        assertThat(replayed.getLast().asCompleted().sequenceNumber())
                .isEqualTo(followed.getLast().path("sequence_number").asLong());
        await().atMost(Duration.ofSeconds(10)).until(() -> used(token) == 28);
    }

    @Test
    void givenABackgroundStream_whenAnotherKeyResumesIt_then404AndANonBackgroundResponseCannotBeStreamed()
            throws Exception {
        // given
        String model = channel();
        JsonNode token = token("background-stream-owner");
        JsonNode other = token("background-stream-other");
        String id = start(model, token, new ArrayList<>());

        // when
        HttpResponse<InputStream> foreign =
                call("GET", "/responses/" + id + "?stream=true&starting_after=0", other, null);
        HttpResponse<InputStream> badCursor =
                call("GET", "/responses/" + id + "?stream=true&starting_after=soon", token, null);
        release.countDown();

        // then
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(foreign.body()).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badCursor.body()).at("/error/param").asText()).isEqualTo("starting_after");
        OpenAIClient client = client(token);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.responses().retrieve(id).status().orElseThrow(), ResponseStatus.COMPLETED::equals);
        HttpResponse<InputStream> foreground =
                call("POST", "/responses", token, "{\"model\":\"" + model + "\",\"input\":\"Say hello\"}");
        String foregroundId = JSON.readTree(foreground.body()).path("id").asText();
        HttpResponse<InputStream> notStreamable =
                call("GET", "/responses/" + foregroundId + "?stream=true", token, null);
        assertThat(notStreamable.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notStreamable.body()).at("/error/param").asText())
                .isEqualTo("stream");
    }
}
