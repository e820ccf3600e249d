package dev.tollgate.adapter.in.web.relay.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.ForwardingRelaySink;
import dev.tollgate.adapter.in.web.relay.ProtocolJson;
import dev.tollgate.application.relay.port.in.RelaySink;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the relay's OpenAI-shaped answer as Gemini's: a chat completion as one GenerateContentResponse, and a
 * stream of chunks as a stream of GenerateContentResponses — server-sent {@code data:} lines for {@code alt=sse},
 * otherwise one JSON array at the end (as Gemini's own streamGenerateContent without {@code alt=sse}). Text arrives
 * as it comes; function calls, which Gemini sends whole, are assembled from their argument deltas and sent with the
 * last response, together with the finish reason and the usage.
 */
public final class GeminiSink extends ForwardingRelaySink {
    private final GeminiContents contents;
    private final ObjectMapper mapper;
    private final String model;
    private final boolean sse;
    private final ArrayNode collected;
    private final Map<Integer, String[]> calls = new TreeMap<>();
    private String finishReason;
    private JsonNode usage;
    private boolean failed;
    /** A gemini channel answered in the client's own protocol: its responses pass through unchanged. */
    private boolean passthrough;

    public GeminiSink(RelaySink out, GeminiContents contents, ObjectMapper mapper, String model, boolean sse) {
        super(out);
        this.contents = contents;
        this.mapper = mapper;
        this.model = model;
        this.sse = sse;
        this.collected = mapper.createArrayNode();
    }

    @Override
    public void sendJson(int status, byte[] body) {
        out.sendJson(status, status == 200 ? contents.toResponse(body, model) : body);
    }

    @Override
    public void startStream() {
        if (sse) {
            out.startStream();
        }
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        if (!"gemini".equals(event)) {
            out.sendNamedEvent(event, data);
            return;
        }
        passthrough = true;
        if (sse) {
            out.sendEvent(data);
        } else {
            try {
                collected.add(mapper.readTree(data));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void sendComment(byte[] text) {
        if (sse) {
            out.sendComment(text);
        }
    }

    @Override
    public void sendEvent(byte[] data) {
        JsonNode chunk;
        try {
            chunk = mapper.readTree(data);
        } catch (IOException e) {
            return;
        }
        if (chunk.has("error")) {
            failed = true;
            ObjectNode error = mapper.createObjectNode();
            error.putObject("error")
                    .put("code", 500)
                    .put("message", chunk.path("error").path("message").asText("the upstream failed"))
                    .put("status", "INTERNAL");
            emit(error);
            finishArray();
            return;
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        ArrayNode parts = mapper.createArrayNode();
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            if (delta.path("reasoning_content").isTextual()
                    && !delta.get("reasoning_content").asText().isEmpty()) {
                parts.addObject()
                        .put("text", delta.get("reasoning_content").asText())
                        .put("thought", true);
            }
            if (delta.path("content").isTextual()
                    && !delta.get("content").asText().isEmpty()) {
                parts.addObject().put("text", delta.get("content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                String[] c = calls.computeIfAbsent(call.path("index").asInt(0), i -> new String[] {"", ""});
                if (call.path("function").path("name").isTextual()) {
                    c[0] = c[0] + call.path("function").path("name").asText();
                }
                c[1] = c[1] + call.path("function").path("arguments").asText("");
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason =
                        GeminiContents.finishReason(choice.get("finish_reason").asText());
            }
        }
        if (!parts.isEmpty()) {
            emit(response(parts, null, false));
        }
    }

    @Override
    public void sendDone() {
        if (failed) {
            return;
        }
        if (passthrough) {
            finishArray();
            return;
        }
        ArrayNode parts = mapper.createArrayNode();
        calls.values().forEach(c -> {
            ObjectNode fc = parts.addObject().putObject("functionCall");
            fc.put("name", c[0]);
            fc.set("args", ProtocolJson.argumentsObject(mapper, c[1]));
        });
        emit(response(parts, finishReason == null ? "STOP" : finishReason, true));
        finishArray();
    }

    private ObjectNode response(ArrayNode parts, String finish, boolean last) {
        ObjectNode response = mapper.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").set("parts", parts);
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        candidate.put("index", 0);
        if (last) {
            contents.usage(usage, response);
        }
        response.put("modelVersion", model);
        return response;
    }

    private void emit(ObjectNode response) {
        if (sse) {
            try {
                out.sendEvent(mapper.writeValueAsBytes(response));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            collected.add(response);
        }
    }

    private void finishArray() {
        if (!sse) {
            try {
                out.sendBody(200, "application/json", mapper.writeValueAsBytes(collected));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
