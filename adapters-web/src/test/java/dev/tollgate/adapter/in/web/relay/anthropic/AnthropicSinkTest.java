package dev.tollgate.adapter.in.web.relay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.in.RelaySink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI chunks in, Anthropic's stream events out: block order, tool-call indexes and argument deltas, usage. */
class AnthropicSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records what the converting sink writes. */
    private static final class Recorder implements RelaySink {
        final List<String> events = new ArrayList<>();
        final List<JsonNode> data = new ArrayList<>();

        @Override
        public void sendNamedEvent(String event, byte[] bytes) {
            events.add(event);
            try {
                data.add(JSON.readTree(bytes));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void sendJson(int status, byte[] body) {}

        @Override
        public void sendBody(int status, String contentType, byte[] body) {}

        @Override
        public void startBinary(String contentType) {}

        @Override
        public void sendBytes(byte[] bytes) {}

        @Override
        public void startStream() {}

        @Override
        public void sendEvent(byte[] bytes) {
            throw new AssertionError("an Anthropic stream has only named events");
        }

        @Override
        public void sendComment(byte[] text) {}

        @Override
        public void sendDone() {
            throw new AssertionError("an Anthropic stream has no [DONE]");
        }
    }

    private static void chunk(AnthropicSink sink, String delta, String finish) {
        sink.sendEvent(("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                        + "\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenTextThenTwoToolCalls_whenStreamed_thenEachGetsItsOwnBlockAndTheArgumentsArriveInOrder() {
        // given
        Recorder out = new Recorder();
        AnthropicSink sink = new AnthropicSink(out, new AnthropicMessages(JSON), JSON, "claude-x");

        // when
        sink.startStream();
        chunk(sink, "{\"role\":\"assistant\",\"content\":\"Checking\"}", "null");
        chunk(sink, "{\"content\":\" both.\"}", "null");
        chunk(
                sink,
                "{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":"
                        + "{\"name\":\"weather\",\"arguments\":\"\"}}]}",
                "null");
        chunk(sink, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", "null");
        chunk(sink, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", "null");
        chunk(
                sink,
                "{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":"
                        + "{\"name\":\"time\",\"arguments\":\"{}\"}}]}",
                "null");
        chunk(sink, "{}", "\"tool_calls\"");
        sink.sendEvent(
                "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":12}}"
                        .getBytes(StandardCharsets.UTF_8));
        sink.sendDone();

        // then
        assertThat(out.events)
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(out.data.get(1).get("content_block").get("type").asText()).isEqualTo("text");
        assertThat(out.data.get(5).get("index").asInt()).isEqualTo(1);
        assertThat(out.data.get(5).get("content_block").get("id").asText()).isEqualTo("call_a");
        String arguments = out.data.get(6).get("delta").get("partial_json").asText()
                + out.data.get(7).get("delta").get("partial_json").asText();
        assertThat(arguments).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(out.data.get(9).get("index").asInt()).isEqualTo(2);
        assertThat(out.data.get(9).get("content_block").get("name").asText()).isEqualTo("time");
        JsonNode messageDelta = out.data.get(12);
        assertThat(messageDelta.get("delta").get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(messageDelta.get("usage").get("output_tokens").asLong()).isEqualTo(12);
        assertThat(messageDelta.get("usage").get("input_tokens").asLong()).isEqualTo(30);
    }

    @Test
    void givenAnErrorAfterTheStreamStarted_thenAnAnthropicErrorEventEndsIt() {
        Recorder out = new Recorder();
        AnthropicSink sink = new AnthropicSink(out, new AnthropicMessages(JSON), JSON, "claude-x");

        sink.startStream();
        chunk(sink, "{\"content\":\"Hel\"}", "null");
        sink.sendEvent("{\"error\":{\"message\":\"the upstream stream broke\",\"type\":\"upstream_error\"}}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(out.events).endsWith("error");
        assertThat(out.data.getLast().get("error").get("message").asText()).contains("broke");
    }
}
