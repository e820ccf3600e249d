package dev.tollgate.adapter.in.web.relay.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.ForwardingRelaySink;
import dev.tollgate.application.relay.port.in.RelaySink;
import java.io.IOException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The client's side of a Responses API request. An OpenAI-family channel answers in the Responses API itself: its
 * answer and named events pass through unchanged. A channel of another protocol answered a chat completion: it is
 * written as a response object, and a stream of chunks as the Responses events ({@code response.created},
 * {@code response.in_progress}, {@code response.output_item.added}, {@code response.content_part.added},
 * {@code response.output_text.delta}…, {@code response.function_call_arguments.delta}…, the matching
 * {@code .done} events and {@code response.completed} with the usage). Either way the final response object is kept
 * ({@link #result()}) to be stored, with the channel that answered.
 */
public final class ResponsesSink extends ForwardingRelaySink {
    private static final Set<String> FINAL_EVENTS =
            Set.of("response.completed", "response.incomplete", "response.failed");

    private final ResponsesObjects objects;
    private final ObjectMapper mapper;
    private final ObjectNode response;
    private final String suffix;
    private ObjectNode result;
    private boolean nativeAnswer;
    private String channelId;
    private String channelType;
    private String channelKey;

    private long sequence;
    private boolean started;
    private boolean ended;
    private int textIndex = -1;
    private StringBuilder text;
    private int reasoningIndex = -1;
    /** The reasoning of the whole answer (its tokens are counted when the provider reports none). */
    private final StringBuilder reasoning = new StringBuilder();

    private int reasoningStart;
    /** Open function calls by their chat tool-call index. */
    private final TreeMap<Integer, Call> calls = new TreeMap<>();

    private String finishReason;
    private ObjectNode usage;

    private static final class Call {
        final int outputIndex;
        final String id;
        final String callId;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        Call(int outputIndex, String id, String callId, String name) {
            this.outputIndex = outputIndex;
            this.id = id;
            this.callId = callId;
            this.name = name;
        }
    }

    /** @param response the response object Tollgate answers with when it converts (no output yet) */
    public ResponsesSink(RelaySink out, ResponsesObjects objects, ObjectNode response) {
        super(out);
        this.objects = objects;
        this.mapper = objects.mapper();
        this.response = response;
        this.suffix = response.path("id").asText().substring(5);
    }

    /** The final response object (null when the answer did not end), the upstream's own when it answered natively. */
    public ObjectNode result() {
        return result;
    }

    /** Whether the channel answered in the Responses API itself (then the ids are the upstream's). */
    public boolean nativeAnswer() {
        return nativeAnswer;
    }

    public String channelId() {
        return channelId;
    }

    public String channelType() {
        return channelType;
    }

    /** The fingerprint of the channel key that answered (null when no attempt was made). */
    public String channelKey() {
        return channelKey;
    }

    /** The response as far as it came (for a cancelled background response): converted output so far. */
    public ObjectNode partial() {
        return result != null ? result : response;
    }

    @Override
    public void attempting(String channelId, String channelType) {
        attempting(channelId, channelType, null);
    }

    @Override
    public void attempting(String channelId, String channelType, Supplier<String> keyFingerprint) {
        this.channelId = channelId;
        this.channelType = channelType;
        this.channelKey = keyFingerprint == null ? null : keyFingerprint.get(); // the key itself is not kept
    }

    @Override
    public void sendJson(int status, byte[] body) {
        JsonNode root = read(body);
        if (status == 200
                && root != null
                && "chat.completion".equals(root.path("object").asText())) {
            result = objects.fromChat(root, response);
            out.sendJson(200, write(result));
            return;
        }
        if (status == 200
                && root instanceof ObjectNode object
                && "response".equals(object.path("object").asText())) {
            nativeAnswer = true;
            result = object;
        }
        out.sendJson(status, body);
    }

    @Override
    public void sendBody(int status, String contentType, byte[] body) {
        JsonNode root = status == 200 ? read(body) : null;
        if (root instanceof ObjectNode object
                && "response".equals(object.path("object").asText())) {
            nativeAnswer = true;
            result = object;
        }
        out.sendBody(status, contentType, body);
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        nativeAnswer = true;
        if (FINAL_EVENTS.contains(event)
                && read(data) instanceof ObjectNode root
                && root.get("response") instanceof ObjectNode r) {
            result = r;
        }
        out.sendNamedEvent(event, data);
    }

    @Override
    public void sendEvent(byte[] data) {
        JsonNode chunk = read(data);
        if (chunk == null || ended) {
            return;
        }
        if (chunk.has("error")) {
            ObjectNode error = mapper.createObjectNode().put("type", "error");
            error.put("code", chunk.path("error").path("code").asText("upstream_error"));
            error.put("message", chunk.path("error").path("message").asText("the upstream failed"));
            error.putNull("param");
            emit("error", error);
            ended = true;
            return;
        }
        start();
        ObjectNode chunkUsage = objects.usageOf(chunk);
        if (chunkUsage != null) {
            usage = chunkUsage;
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            if (delta.path("reasoning_content").isTextual()
                    && !delta.path("reasoning_content").textValue().isEmpty()) {
                reasoningDelta(delta.path("reasoning_content").textValue());
            }
            if (delta.path("content").isTextual()
                    && !delta.path("content").textValue().isEmpty()) {
                textDelta(delta.path("content").textValue());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                callDelta(call);
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.path("finish_reason").textValue();
            }
        }
    }

    @Override
    public void sendDone() {
        if (ended || nativeAnswer) {
            return;
        }
        start();
        closeReasoning();
        closeText();
        calls.values().forEach(this::closeCall);
        calls.clear();
        objects.finish(response, finishReason, usage, reasoning.toString());
        result = response;
        ObjectNode event = mapper.createObjectNode();
        event.set("response", response);
        emit(
                "incomplete".equals(response.path("status").asText()) ? "response.incomplete" : "response.completed",
                event);
        ended = true;
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        ObjectNode created = mapper.createObjectNode();
        created.set("response", response.deepCopy());
        emit("response.created", created);
        ObjectNode progress = mapper.createObjectNode();
        progress.set("response", response.deepCopy());
        emit("response.in_progress", progress);
    }

    private int nextOutputIndex() {
        return output().size();
    }

    private void textDelta(String delta) {
        if (textIndex < 0) {
            closeReasoning();
            closeCalls();
            textIndex = nextOutputIndex();
            text = new StringBuilder();
            ObjectNode item = objects.message(textId(), null, "in_progress");
            itemAdded(textIndex, item);
            ObjectNode part = itemEvent(textId(), textIndex).put("content_index", 0);
            part.set("part", objects.outputText(""));
            emit("response.content_part.added", part);
        }
        text.append(delta);
        ObjectNode event =
                itemEvent(textId(), textIndex).put("content_index", 0).put("delta", delta);
        event.putArray("logprobs");
        emit("response.output_text.delta", event);
    }

    private String textId() {
        return "msg_" + suffix + "_" + textIndex;
    }

    private void closeText() {
        if (textIndex < 0) {
            return;
        }
        String full = text.toString();
        ObjectNode done = itemEvent(textId(), textIndex).put("content_index", 0).put("text", full);
        done.putArray("logprobs");
        emit("response.output_text.done", done);
        ObjectNode partDone = itemEvent(textId(), textIndex).put("content_index", 0);
        partDone.set("part", objects.outputText(full));
        emit("response.content_part.done", partDone);
        ObjectNode item = objects.message(textId(), full, "completed");
        itemDone(textIndex, item);
        textIndex = -1;
    }

    /**
     * A piece of the model's reasoning: a reasoning item, whose summary text arrives as
     * {@code response.reasoning_summary_text.delta} events when the request asked for summaries.
     */
    private void reasoningDelta(String delta) {
        boolean summaries = ResponsesObjects.summaries(response);
        if (reasoningIndex < 0) {
            closeText();
            closeCalls();
            reasoningIndex = nextOutputIndex();
            reasoningStart = reasoning.length();
            ObjectNode item = objects.reasoning(reasoningId(), null);
            itemAdded(reasoningIndex, item);
            if (summaries) {
                ObjectNode part = itemEvent(reasoningId(), reasoningIndex).put("summary_index", 0);
                part.set("part", objects.summaryText(""));
                emit("response.reasoning_summary_part.added", part);
            }
        }
        reasoning.append(delta);
        if (summaries) {
            emit(
                    "response.reasoning_summary_text.delta",
                    itemEvent(reasoningId(), reasoningIndex)
                            .put("summary_index", 0)
                            .put("delta", delta));
        }
    }

    private String reasoningId() {
        return "rs_" + suffix + "_" + reasoningIndex;
    }

    private void closeReasoning() {
        if (reasoningIndex < 0) {
            return;
        }
        boolean summaries = ResponsesObjects.summaries(response);
        String full = reasoning.substring(reasoningStart);
        if (summaries) {
            emit(
                    "response.reasoning_summary_text.done",
                    itemEvent(reasoningId(), reasoningIndex)
                            .put("summary_index", 0)
                            .put("text", full));
            ObjectNode partDone = itemEvent(reasoningId(), reasoningIndex).put("summary_index", 0);
            partDone.set("part", objects.summaryText(full));
            emit("response.reasoning_summary_part.done", partDone);
        }
        ObjectNode item = objects.reasoning(reasoningId(), summaries ? full : null);
        itemDone(reasoningIndex, item);
        reasoningIndex = -1;
    }

    private void callDelta(JsonNode delta) {
        int index = delta.path("index").asInt(0);
        Call call = calls.get(index);
        if (call == null) {
            closeReasoning();
            closeText();
            int outputIndex = nextOutputIndex();
            call = new Call(
                    outputIndex,
                    "fc_" + suffix + "_" + outputIndex,
                    delta.path("id").asText("call_" + suffix + "_" + index),
                    delta.path("function").path("name").asText(""));
            calls.put(index, call);
            ObjectNode item = objects.functionCall(call.id, call.callId, call.name, "", "in_progress");
            itemAdded(outputIndex, item);
        }
        String arguments = delta.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            call.arguments.append(arguments);
            emit(
                    "response.function_call_arguments.delta",
                    itemEvent(call.id, call.outputIndex).put("delta", arguments));
        }
    }

    private void closeCalls() {
        calls.values().forEach(this::closeCall);
        calls.clear();
    }

    private void closeCall(Call call) {
        String arguments = call.arguments.isEmpty() ? "{}" : call.arguments.toString();
        emit(
                "response.function_call_arguments.done",
                itemEvent(call.id, call.outputIndex).put("arguments", arguments));
        ObjectNode item = objects.functionCall(call.id, call.callId, call.name, arguments, "completed");
        itemDone(call.outputIndex, item);
    }

    /** A new output item at {@code index}: put in the response's output and told to the client. */
    private void itemAdded(int index, ObjectNode item) {
        output().add(item);
        ObjectNode added = mapper.createObjectNode().put("output_index", index);
        added.set("item", item.deepCopy());
        emit("response.output_item.added", added);
    }

    /** The output item at {@code index} complete: replaced in the response's output and told to the client. */
    private void itemDone(int index, ObjectNode item) {
        output().set(index, item);
        ObjectNode done = mapper.createObjectNode().put("output_index", index);
        done.set("item", item.deepCopy());
        emit("response.output_item.done", done);
    }

    private ArrayNode output() {
        return (ArrayNode) response.get("output");
    }

    private ObjectNode itemEvent(String itemId, int outputIndex) {
        return mapper.createObjectNode().put("item_id", itemId).put("output_index", outputIndex);
    }

    private void emit(String type, ObjectNode event) {
        ObjectNode data = mapper.createObjectNode().put("type", type).put("sequence_number", sequence++);
        data.setAll(event);
        out.sendNamedEvent(type, write(data));
    }

    private JsonNode read(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
