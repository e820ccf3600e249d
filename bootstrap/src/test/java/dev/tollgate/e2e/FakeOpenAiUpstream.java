package dev.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local HTTP server playing an OpenAI-compatible provider. It answers chat completions with a fixed reply
 * ("Hello from fake" split into chunks when streaming) and a fixed usage, records every request it receives, and
 * can be told to fail with a status.
 */
final class FakeOpenAiUpstream implements AutoCloseable {
    static final String REPLY = "Hello from fake";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the fake received it. */
    record Received(
            String method,
            String path,
            String query,
            String authorization,
            String apiKey,
            JsonNode body,
            Map<String, List<String>> headers,
            byte[] raw) {
        /** The header's values, whatever the case of its name (empty when absent). */
        List<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failWithStatus = new AtomicInteger(0);
    private volatile String failBody;
    private final Set<String> rejectedAuthorizations = ConcurrentHashMap.newKeySet();
    private volatile long delayMillis;
    private volatile Runnable onRequest;
    private volatile long cachedTokens;
    private volatile double audioSeconds = 3;
    /** The fake "audio" the speech endpoint answers: 40,000 bytes in four flushed pieces. */
    static final byte[] SPEECH = speech();

    private static byte[] speech() {
        byte[] b = new byte[40_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    /** The duration transcriptions report. */
    void audioSeconds(double seconds) {
        this.audioSeconds = seconds;
    }

    private volatile long promptTokens = 12;
    private volatile long completionTokens = 8;

    FakeOpenAiUpstream() throws IOException {
        // a backlog for bursts of hundreds of connections (the default, 50, refuses the rest)
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void reset() {
        received.clear();
        failWithStatus.set(0);
        rejectedAuthorizations.clear();
        delayMillis = 0;
        onRequest = null;
        cachedTokens = 0;
        promptTokens = 12;
        completionTokens = 8;
    }

    /** Every following request answers this status with an OpenAI error body (0: answer normally). */
    void failWith(int status) {
        failWithStatus.set(status);
        failBody = null;
    }

    /** Every request is answered {@code status} with this body (and a 429 with {@code Retry-After: 7}). */
    void failWith(int status, String body) {
        failBody = body;
        failWithStatus.set(status);
    }

    /** Requests with this {@code Authorization} header are answered 401 (a key the provider rejects). */
    void rejectAuthorization(String authorization) {
        rejectedAuthorizations.add(authorization);
    }

    /** Input tokens reported as served from the prompt cache (prompt_tokens_details.cached_tokens). */
    void cachedTokens(long cached) {
        this.cachedTokens = cached;
    }

    /** Runs {@code hook} on every following request as it arrives, before answering (null: nothing). */
    void onRequest(Runnable hook) {
        this.onRequest = hook;
    }

    /** Every following answer is sent after this delay. */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    void usage(long prompt, long completion) {
        this.promptTokens = prompt;
        this.completionTokens = completion;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean json = contentType == null || contentType.contains("json");
            JsonNode body = raw.length == 0 || !json ? JSON.nullNode() : JSON.readTree(raw);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("api-key"),
                    body,
                    Map.copyOf(exchange.getRequestHeaders()),
                    raw));
            Runnable hook = onRequest;
            if (hook != null) {
                hook.run();
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && rejectedAuthorizations.contains(authorization)) {
                send(
                        exchange,
                        401,
                        "application/json",
                        ("{\"error\":{\"message\":\"Incorrect API key provided\","
                                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            int fail = failWithStatus.get();
            if (fail != 0) {
                if (fail == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "7");
                }
                String failure = failBody != null
                        ? failBody
                        : "{\"error\":{\"message\":\"fake failure\",\"type\":"
                                + "\"server_error\",\"param\":null,\"code\":null}}";
                send(exchange, fail, "application/json", failure.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/embeddings")) {
                send(exchange, 200, "application/json", """
                        {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5,0.125]}],
                         "model":"%s","usage":{"prompt_tokens":%d,"total_tokens":%d}}
                        """.formatted(
                                body.path("model").asText(), promptTokens, promptTokens)
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.endsWith("/moderations")) {
                send(exchange, 200, "application/json", """
                        {"id":"modr-fake","model":"%s","results":[{"flagged":false,"categories":{},                        "category_scores":{}}]}""".formatted(
                                body.path("model").asText("omni-moderation-latest"))
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.endsWith("/rerank")) {
                send(exchange, 200, "application/json", """
                        {"model":"%s","results":[{"index":1,"relevance_score":0.9},{"index":0,"relevance_score":0.1}],                        "usage":{"total_tokens":%d}}""".formatted(
                                body.path("model").asText(), promptTokens)
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.contains("/images/")) {
                int n = body.path("n").asInt(1);
                StringBuilder data = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    data.append(i == 0 ? "" : ",")
                            .append("{\"url\":\"https://images.example/")
                            .append(i)
                            .append(".png\",\"revised_prompt\":\"a fox\"}");
                }
                send(
                        exchange,
                        200,
                        "application/json",
                        ("{\"created\":1700000000,\"data\":[" + data + "]}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.endsWith("/audio/speech")) {
                exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < 4; i++) {
                    out.write(SPEECH, i * SPEECH.length / 4, SPEECH.length / 4);
                    out.flush();
                }
                return;
            }
            if (path.endsWith("/audio/transcriptions") || path.endsWith("/audio/translations")) {
                String form = new String(raw, StandardCharsets.UTF_8);
                if (form.contains("name=\"response_format\"\r\n\r\ntext\r\n")) {
                    send(exchange, 200, "text/plain; charset=utf-8", (REPLY + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    send(
                            exchange,
                            200,
                            "application/json",
                            ("{\"text\":\"" + REPLY + "\",\"usage\":{\"type\":" + "\"duration\",\"seconds\":"
                                            + audioSeconds + "}}")
                                    .getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            if (path.endsWith("/responses")) {
                String model = body.path("model").asText();
                if (body.path("stream").asBoolean(false)) {
                    respond(exchange, model);
                } else {
                    send(
                            exchange,
                            200,
                            "application/json",
                            response(model, "completed", true).getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            if (path.endsWith("/completions") && !path.endsWith("/chat/completions")) {
                send(exchange, 200, "application/json", """
                        {"id":"cmpl-fake","object":"text_completion","created":1700000000,"model":"%s",
                         "choices":[{"index":0,"text":"%s","finish_reason":"stop","logprobs":null}],
                         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
                        """.formatted(
                                body.path("model").asText(),
                                REPLY,
                                promptTokens,
                                completionTokens,
                                promptTokens + completionTokens)
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!path.endsWith("/chat/completions")) {
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"no such path\"}}".getBytes());
                return;
            }
            String model = body.path("model").asText();
            JsonNode messages = body.path("messages");
            boolean wantsTool = body.path("tools").isArray()
                    && !body.path("tools").isEmpty()
                    && !"tool"
                            .equals(messages.path(messages.size() - 1)
                                    .path("role")
                                    .asText());
            if (wantsTool) {
                toolCall(
                        exchange,
                        model,
                        body.path("tools").get(0).path("function").path("name").asText(),
                        body.path("stream").asBoolean(false));
            } else if (body.path("stream").asBoolean(false)) {
                stream(
                        exchange,
                        model,
                        body.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                String answer = """
                        {"id":"chatcmpl-fake","object":"chat.completion","created":1700000000,"model":"%s",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                                  "prompt_tokens_details":{"cached_tokens":%d}}}
                        """.formatted(
                        model, REPLY, promptTokens, completionTokens, promptTokens + completionTokens, cachedTokens);
                send(exchange, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void stream(HttpExchange exchange, String model, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String[] parts = {"Hello", " from", " fake"};
        event(out, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String p : parts) {
            event(out, chunk(model, "{\"content\":\"" + p + "\"}", null));
        }
        event(out, chunk(model, "{}", "\"stop\""));
        if (includeUsage) {
            event(out, """
                    {"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1700000000,"model":"%s",\
                    "choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(model, promptTokens, completionTokens, promptTokens + completionTokens));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A Responses API object as OpenAI's reference shows it. */
    private String response(String model, String status, boolean complete) {
        String output = complete ? """
                [{"type":"message","id":"msg_fake","status":"completed","role":"assistant","content":\
                [{"type":"output_text","text":"%s","annotations":[]}]}]""".formatted(REPLY) : "[]";
        String usage =
                complete ? """
                {"input_tokens":%d,"input_tokens_details":{"cached_tokens":0},"output_tokens":%d,\
                "output_tokens_details":{"reasoning_tokens":0},"total_tokens":%d}""".formatted(promptTokens, completionTokens, promptTokens + completionTokens) : "null";
        return """
                {"id":"resp_fake","object":"response","created_at":1700000000,"status":"%s","model":"%s",\
                "output":%s,"usage":%s,"error":null,"incomplete_details":null,"instructions":null,"metadata":{},\
                "parallel_tool_calls":true,"temperature":1.0,"tool_choice":"auto","tools":[],"top_p":1.0}""".formatted(status, model, output, usage);
    }

    /** A Responses API stream: named events, no [DONE]; the usage comes with response.completed. */
    private void respond(HttpExchange exchange, String model) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int seq = 0;
        named(
                out,
                "response.created",
                "{\"type\":\"response.created\",\"sequence_number\":" + seq++ + ",\"response\":"
                        + response(model, "in_progress", false) + "}");
        for (String p : new String[] {"Hello", " from", " fake"}) {
            named(
                    out,
                    "response.output_text.delta",
                    "{\"type\":\"response.output_text.delta\",\"sequence_number\":"
                            + seq++ + ",\"item_id\":\"msg_fake\",\"output_index\":0,\"content_index\":0,\"delta\":\""
                            + p + "\",\"logprobs\":[]}");
        }
        named(
                out,
                "response.completed",
                "{\"type\":\"response.completed\",\"sequence_number\":" + seq + ",\"response\":"
                        + response(model, "completed", true) + "}");
    }

    private static void named(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Asks for a call of the tool with {"city":"Paris"} (streamed: the arguments in two deltas). */
    private void toolCall(HttpExchange exchange, String model, String tool, boolean stream) throws IOException {
        if (!stream) {
            send(exchange, 200, "application/json", """
                    {"id":"chatcmpl-tool","object":"chat.completion","created":1700000000,"model":"%s",
                     "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",
                     "type":"function","function":{"name":"%s","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                     "finish_reason":"tool_calls"}],
                     "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
                    """.formatted(
                            model, tool, promptTokens, completionTokens, promptTokens + completionTokens)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(
                out,
                chunk(
                        model,
                        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":"
                                + "\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"" + tool
                                + "\",\"arguments\":\"\"}}]}",
                        null));
        event(
                out,
                chunk(model, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null));
        event(
                out,
                chunk(model, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", null));
        event(out, chunk(model, "{}", "\"tool_calls\""));
        event(out, """
                {"id":"chatcmpl-tool","object":"chat.completion.chunk","created":1700000000,"model":"%s",\
                "choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(model, promptTokens, completionTokens, promptTokens + completionTokens));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(String model, String delta, String finishReason) {
        return """
                {"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1700000000,"model":"%s",\
                "choices":[{"index":0,"delta":%s,"finish_reason":%s}]}""".formatted(model, delta, finishReason);
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
