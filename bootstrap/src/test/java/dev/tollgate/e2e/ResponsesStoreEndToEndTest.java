package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputitems.InputItemListParams;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Responses API, whole, with the official OpenAI Java SDK: responses on a Claude channel (converted, streamed,
 * continued with {@code previous_response_id} from Tollgate's store, billed exactly), the stored response's own
 * endpoints (only for the key that made it), background responses and their cancel, and an OpenAI channel's response
 * read back from that channel with the channel's key.
 */
class ResponsesStoreEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Seen(String method, String path, String authorization, JsonNode body) {}

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Released when a test lets the slow stream go on. */
    private final CountDownLatch slowStream = new CountDownLatch(1);

    private final CountDownLatch slowStreamStarted = new CountDownLatch(1);

    @BeforeEach
    void startFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopFake() {
        slowStream.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("x-api-key") != null
                    ? exchange.getRequestHeaders().getFirst("x-api-key")
                    : exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(new Seen(exchange.getRequestMethod(), path, auth, body));
            if (path.equals("/v1/messages")) {
                anthropic(exchange, body);
            } else if (path.endsWith(":streamGenerateContent")) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                for (String e : ProtocolChannelsEndToEndTest.GEMINI_EVENTS) {
                    exchange.getResponseBody().write(e.getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                }
            } else if (path.equals("/v1/responses")) {
                json(exchange, 200, OPENAI_RESPONSE);
            } else if (path.equals("/v1/responses/resp_upstream_1")) {
                json(
                        exchange,
                        200,
                        OPENAI_RESPONSE.replace(
                                "\"status\":\"completed\"", "\"status\":\"completed\",\"x_from\":\"upstream\""));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    static final String OPENAI_RESPONSE = """
            {"id":"resp_upstream_1","object":"response","created_at":1,"status":"completed","model":"m",
             "error":null,"incomplete_details":null,"instructions":null,"metadata":{},"parallel_tool_calls":true,
             "temperature":1.0,"top_p":1.0,"tool_choice":"auto","tools":[],
             "output":[{"type":"message","id":"msg_up","status":"completed","role":"assistant",
               "content":[{"type":"output_text","text":"Hello from OpenAI","annotations":[]}]}],
             "usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":8,
               "output_tokens_details":{"reasoning_tokens":0},"total_tokens":20}}""";

    static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_fake","type":"message","role":"assistant","model":"claude-fake",
             "content":[{"type":"text","text":"Hello from fake"}],"stop_reason":"end_turn",
             "stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":8}}""";

    static final String ANTHROPIC_TOOL_MESSAGE = """
            {"id":"msg_tool","type":"message","role":"assistant","model":"claude-fake",
             "content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":8}}""";

    static final List<String> ANTHROPIC_HEAD = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"model\":\"claude-fake\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n");

    static final List<String> ANTHROPIC_TAIL = List.of(
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\" from fake\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":8}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    private void anthropic(HttpExchange exchange, JsonNode body) throws IOException {
        if (body.has("tools")) {
            json(exchange, 200, ANTHROPIC_TOOL_MESSAGE);
            return;
        }
        if (!body.path("stream").asBoolean(false)) {
            json(exchange, 200, ANTHROPIC_MESSAGE);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String e : ANTHROPIC_HEAD) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (body.toString().contains("take your time")) {
            slowStreamStarted.countDown();
            try {
                slowStream.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String e : ANTHROPIC_TAIL) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String channel(String type, String model) {
        AdminApi.Reply r = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name", type + "-" + model,
                        "type", type,
                        "baseUrl", base(),
                        "keys", List.of("sk-" + type + "-upstream"),
                        "models", List.of(model)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        admin.setPrice(model, 1_000_000, 2_000_000);
        return r.json().get("id").asText();
    }

    private JsonNode token(String name) {
        return admin.createToken(Map.of("name", name, "quota", 500_000));
    }

    private OpenAIClient client(JsonNode token) {
        return OpenAIOkHttpClient.builder()
                .apiKey(token.get("key").asText())
                .baseUrl(relayBase())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    private static String text(Response response) {
        return response.output()
                .getFirst()
                .asMessage()
                .content()
                .getFirst()
                .asOutputText()
                .text();
    }

    private HttpResponse<String> call(String method, String path, JsonNode token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + path))
                                .header(
                                        "Authorization",
                                        "Bearer " + token.get("key").asText())
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenAClaudeChannel_whenTheSdkCreatesAResponse_thenItIsConvertedStoredAndBilledExactly() {
        // given
        String model = uniqueModel("responses-claude");
        channel("anthropic", model);
        JsonNode token = token("responses-claude");

        // when
        Response created = client(token)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .instructions("Be brief.")
                        .input("Say hello")
                        .maxOutputTokens(100)
                        .build());
        Response read = client(token).responses().retrieve(created.id());

        // then: the Messages API got the instructions as its system prompt; 12 × 1 + 8 × 2 = 28 units
        assertThat(text(created)).isEqualTo("Hello from fake");
        assertThat(created.id()).startsWith("resp_");
        assertThat(created.status()).contains(ResponseStatus.COMPLETED);
        assertThat(created.usage().orElseThrow().inputTokens()).isEqualTo(12);
        assertThat(created.usage().orElseThrow().outputTokens()).isEqualTo(8);
        JsonNode sent = seen.getFirst().body();
        assertThat(seen.getFirst().path()).isEqualTo("/v1/messages");
        assertThat(sent.path("system").toString()).contains("Be brief.");
        assertThat(sent.path("max_tokens").asLong()).isEqualTo(100);
        assertThat(used(token)).isEqualTo(28);
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(text(read)).isEqualTo("Hello from fake");
    }

    @Test
    void givenAClaudeChannel_whenTheSdkStreamsAResponse_thenTheResponsesEventsArriveAndTheUsageIsCharged() {
        // given
        String model = uniqueModel("responses-claude-stream");
        channel("anthropic", model);
        JsonNode token = token("responses-claude-stream");
        List<ResponseStreamEvent> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();

        // when
        try (StreamResponse<ResponseStreamEvent> stream = client(token)
                .responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .build())) {
            stream.stream().forEach(e -> {
                events.add(e);
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
            });
        }

        // then
        assertThat(text.toString()).isEqualTo("Hello from fake");
        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.get(1).isInProgress()).isTrue();
        assertThat(events.get(2).isOutputItemAdded()).isTrue();
        assertThat(events.get(3).isContentPartAdded()).isTrue();
        assertThat(events.stream().anyMatch(ResponseStreamEvent::isOutputTextDone))
                .isTrue();
        assertThat(events.stream().anyMatch(ResponseStreamEvent::isOutputItemDone))
                .isTrue();
        Response completed = events.getLast().asCompleted().response();
        assertThat(text(completed)).isEqualTo("Hello from fake");
        assertThat(completed.usage().orElseThrow().outputTokens()).isEqualTo(8);
        for (int i = 0; i < events.size(); i++) {
            assertThat(JSON.valueToTree(events.get(i)).path("sequence_number").asInt())
                    .isEqualTo(i);
        }
        assertThat(used(token)).isEqualTo(28);
        assertThat(client(token).responses().retrieve(completed.id()).status()).contains(ResponseStatus.COMPLETED);
    }

    @Test
    void givenAStoredResponse_whenContinuedWithPreviousResponseIdOnAClaudeChannel_thenTheStoredConversationIsSent() {
        // given
        String model = uniqueModel("responses-previous");
        channel("anthropic", model);
        JsonNode token = token("responses-previous");
        Response first = client(token)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .build());

        // when
        Response second = client(token)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .previousResponseId(first.id())
                        .input("And again")
                        .build());

        // then: the Messages API got the whole conversation, Tollgate's store supplying the first turn
        JsonNode messages = seen.getLast().body().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).toString()).contains("Say hello");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).toString()).contains("Hello from fake");
        assertThat(messages.get(2).toString()).contains("And again");
        assertThat(second.previousResponseId()).contains(first.id());
        assertThat(used(token)).isEqualTo(56);
    }

    @Test
    void givenAResponse_whenAnotherKeyOrAnotherOrganisationAsksForIt_then404InOpenAiShapeAndNothingChanges()
            throws Exception {
        // given
        String model = uniqueModel("responses-owner");
        channel("anthropic", model);
        JsonNode owner = token("responses-owner");
        JsonNode sameOrganization = token("responses-same-org");
        String org = admin.post("/api/v1/organizations", Map.of("name", uniqueModel("responses-org")))
                .json()
                .get("id")
                .asText();
        JsonNode otherOrganization = admin.post(
                        "/api/v1/organizations/" + org + "/tokens",
                        Map.of("name", "responses-other-org", "unlimitedQuota", true))
                .json();
        Response created = client(owner)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .build());

        // when
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (JsonNode other : List.of(sameOrganization, otherOrganization)) {
            refused.add(call("GET", "/responses/" + created.id(), other));
            refused.add(call("DELETE", "/responses/" + created.id(), other));
            refused.add(call("GET", "/responses/" + created.id() + "/input_items", other));
            refused.add(call("POST", "/responses/" + created.id() + "/cancel", other));
        }
        HttpResponse<String> unknown = call("GET", "/responses/resp_unknown", owner);

        // then
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).isEqualTo(404);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("message").asText()).isEqualTo("Response with id '" + created.id() + "' not found.");
        }
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(client(owner).responses().retrieve(created.id()))).isEqualTo("Hello from fake");
    }

    @Test
    void givenAResponse_whenItsOwnerDeletesIt_thenItIsGone() {
        // given
        String model = uniqueModel("responses-delete");
        channel("anthropic", model);
        JsonNode token = token("responses-delete");
        OpenAIClient client = client(token);
        Response created = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .build());

        // when
        client.responses().delete(created.id());

        // then
        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenAResponseOfFiveInputItems_whenListedTwoAtATime_thenThePagesFollowOneAnother() throws Exception {
        // given
        String model = uniqueModel("responses-items");
        channel("anthropic", model);
        JsonNode token = token("responses-items");
        String body = "{\"model\":\"" + model + "\",\"input\":["
                + String.join(
                        ",",
                        List.of("one", "two", "three", "four", "five").stream()
                                .map(t -> "{\"role\":\"user\",\"content\":\"" + t + "\"}")
                                .toList())
                + "]}";
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/responses"))
                                .header(
                                        "Authorization",
                                        "Bearer " + token.get("key").asText())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String id = JSON.readTree(created.body()).path("id").asText();
        OpenAIClient client = client(token);

        // when
        List<String> viaSdk = client
                .responses()
                .inputItems()
                .list(
                        id,
                        InputItemListParams.builder()
                                .limit(2)
                                .order(InputItemListParams.Order.ASC)
                                .build())
                .autoPager()
                .stream()
                .map(i -> i.asResponseInputMessageItem()
                        .content()
                        .getFirst()
                        .asInputText()
                        .text())
                .toList();
        JsonNode page1 = JSON.readTree(call("GET", "/responses/" + id + "/input_items?limit=2&order=asc", token)
                .body());
        JsonNode page2 = JSON.readTree(call(
                        "GET",
                        "/responses/" + id + "/input_items?limit=2&order=asc&after="
                                + page1.path("last_id").asText(),
                        token)
                .body());
        JsonNode page3 = JSON.readTree(call(
                        "GET",
                        "/responses/" + id + "/input_items?limit=2&order=asc&after="
                                + page2.path("last_id").asText(),
                        token)
                .body());
        JsonNode newest = JSON.readTree(
                call("GET", "/responses/" + id + "/input_items?limit=1", token).body());
        HttpResponse<String> tooMany = call("GET", "/responses/" + id + "/input_items?limit=101", token);

        // then
        assertThat(viaSdk).containsExactly("one", "two", "three", "four", "five");
        assertThat(page1.path("object").asText()).isEqualTo("list");
        assertThat(texts(page1)).containsExactly("one", "two");
        assertThat(page1.path("has_more").asBoolean()).isTrue();
        assertThat(texts(page2)).containsExactly("three", "four");
        assertThat(texts(page3)).containsExactly("five");
        assertThat(page3.path("has_more").asBoolean()).isFalse();
        assertThat(texts(newest)).containsExactly("five");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).path("error").path("param").asText())
                .isEqualTo("limit");
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.path("data")
                .forEach(item ->
                        texts.add(item.path("content").path(0).path("text").asText()));
        return texts;
    }

    @Test
    void givenABackgroundResponseOnAClaudeChannel_whenPolled_thenItCompletesAndIsBilledOnce() {
        // given
        String model = uniqueModel("responses-background");
        channel("anthropic", model);
        JsonNode token = token("responses-background");
        OpenAIClient client = client(token);

        // when
        Response queued = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .background(true)
                        .build());

        // then
        assertThat(queued.status()).contains(ResponseStatus.QUEUED);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> client.responses().retrieve(queued.id()).status().orElseThrow(),
                        s -> s.equals(ResponseStatus.COMPLETED));
        assertThat(text(client.responses().retrieve(queued.id()))).isEqualTo("Hello from fake");
        await().atMost(Duration.ofSeconds(10)).until(() -> used(token) == 28);
    }

    @Test
    void givenARunningBackgroundResponse_whenCancelled_thenItStopsStaysCancelledAndItsReservationIsSettled()
            throws Exception {
        // given: the upstream stream stalls after its first text
        String model = uniqueModel("responses-cancel");
        channel("anthropic", model);
        JsonNode token = token("responses-cancel");
        OpenAIClient client = client(token);
        Response queued = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello, take your time")
                        .background(true)
                        .build());
        assertThat(slowStreamStarted.await(20, TimeUnit.SECONDS)).isTrue();

        // when
        Response cancelled = client.responses().cancel(queued.id());
        slowStream.countDown();

        // then: the run ends at the upstream's next event; what was generated is paid, the rest released
        assertThat(cancelled.status()).contains(ResponseStatus.CANCELLED);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> client.responses().retrieve(queued.id()).status().orElseThrow(),
                        s -> s.equals(ResponseStatus.CANCELLED));
        await().atMost(Duration.ofSeconds(10)).until(() -> used(token) > 0);
        long charged = used(token);
        assertThat(charged).isLessThan(28 + 1);
        JsonNode balance =
                admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
        assertThat(balance.get("remainingQuota").asLong()).isEqualTo(500_000 - charged);
        HttpResponse<String> again = call("POST", "/responses/" + queued.id() + "/cancel", token);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("cancelled");
        client.responses().delete(queued.id());
        assertThat(call("GET", "/responses/" + queued.id(), token).statusCode()).isEqualTo(404);
    }

    @Test
    void givenAClaudeChannel_whenTheRequestHasAFunctionTool_thenTheToolCallComesBackAsAFunctionCallItem() {
        // given
        String model = uniqueModel("responses-tools");
        channel("anthropic", model);
        JsonNode token = token("responses-tools");

        // when
        Response response = client(token)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Weather in Paris?")
                        .addTool(FunctionTool.builder()
                                .name("get_weather")
                                .parameters(FunctionTool.Parameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .build())
                                .strict(false)
                                .build())
                        .build());

        // then
        ResponseFunctionToolCall call = response.output().getFirst().asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isEqualTo("toolu_1");
        assertThat(call.arguments()).contains("Paris");
        JsonNode sent = seen.getLast().body();
        assertThat(sent.path("tools").path(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenAnOpenAiChannel_whenTheResponseIsReadBack_thenTheChannelIsAskedWithItsOwnKey() {
        // given
        String model = uniqueModel("responses-openai");
        channel("openai", model);
        JsonNode token = token("responses-openai");
        Response created = client(token)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .build());

        // when
        Response read = client(token)
                .responses()
                .retrieve(created.id(), ResponseRetrieveParams.builder().build());

        // then
        assertThat(created.id()).isEqualTo("resp_upstream_1");
        assertThat(text(read)).isEqualTo("Hello from OpenAI");
        Seen get = seen.getLast();
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/v1/responses/resp_upstream_1");
        assertThat(get.authorization()).isEqualTo("Bearer sk-openai-upstream");
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenAGeminiChannel_whenTheSdkStreamsAResponse_thenTheTextArrivesAsResponsesEventsAndIsCharged() {
        // given
        String model = uniqueModel("responses-gemini");
        channel("gemini", model);
        JsonNode token = token("responses-gemini");
        StringBuilder text = new StringBuilder();
        List<ResponseStreamEvent> events = new ArrayList<>();

        // when
        try (StreamResponse<ResponseStreamEvent> stream = client(token)
                .responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .build())) {
            stream.stream().forEach(e -> {
                events.add(e);
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
            });
        }

        // then
        assertThat(seen.getLast().path()).endsWith(":streamGenerateContent");
        assertThat(text.toString()).isEqualTo("Hello from fake");
        assertThat(events.getLast()
                        .asCompleted()
                        .response()
                        .usage()
                        .orElseThrow()
                        .inputTokens())
                .isEqualTo(12);
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenAnIdempotencyKey_whenTheSameResponseIsPostedTwice_thenTheUpstreamIsCalledOnceAndChargedOnce()
            throws Exception {
        // given
        String model = uniqueModel("responses-idempotent");
        channel("anthropic", model);
        JsonNode token = token("responses-idempotent");
        HttpRequest request = HttpRequest.newBuilder(URI.create(relayBase() + "/responses"))
                .header("Authorization", "Bearer " + token.get("key").asText())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "responses-" + model)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"input\":\"hi\"}"))
                .build();

        // when
        HttpResponse<String> first = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        // the first answer reached the client just before its record was completed: until then a replay is 409
        HttpResponse<String> replay = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()),
                        r -> r.statusCode() != 409);

        // then
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(seen.stream().filter(r -> r.path().equals("/v1/messages"))).hasSize(1);
        assertThat(used(token)).isEqualTo(28);
        String id = JSON.readTree(first.body()).path("id").asText();
        assertThat(call("GET", "/responses/" + id, token).statusCode()).isEqualTo(200);
    }
}
